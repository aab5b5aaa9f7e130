/** The shop page's module (consent-page.html): `<sf-config>` from the query, then the widgets' main entry. */
const query = new URLSearchParams(location.search);
const config = document.createElement('sf-config');
config.setAttribute('partner-id', 'mobidoo');
const consent = query.get('consent');
const token = query.get('token');
if (consent) config.setAttribute('consent', consent);
if (token) config.setAttribute('token-endpoint', token);
document.body.append(config);

const page = window as unknown as Record<string, unknown>;
try {
  const [widgets, session, viewer] = await Promise.all([import('../../src/index.js'), import('../../src/store/session.js'), import('../../src/session/viewer-session.js')]);
  // The token endpoint is started by elements; this page has none, so it starts the session itself.
  if (token) viewer.startSession(token);
  Object.assign(page, { widgets, session, viewer });
} catch (error) {
  page.loadError = String(error);
}

export {};
