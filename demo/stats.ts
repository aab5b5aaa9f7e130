/**
 * The partner's stats page: pick a broadcast that already ran, see its figures. The list comes from
 * the stand-in's public broadcast list; the figures from our backend's stats route, which lets in
 * whoever is signed in with the demo login (a shop checks its own staff session in `authorizeStats`).
 */
import '../src/index.js';

const select = document.querySelector<HTMLSelectElement>('#broadcast')!;
const stats = document.querySelector('#stats')!;
const apiBase = document.body.dataset.apiBase!;

const answer = (await fetch(`${apiBase}/front/broadcast?partnerId=mobidoo&returnLimit=50&searchType=2`).then((r) => r.json())) as {
  response?: { items?: { broadcastId: string; broadcastName: string }[] };
};
for (const broadcast of answer.response?.items ?? []) select.append(new Option(broadcast.broadcastName, broadcast.broadcastId));
const show = () => stats.setAttribute('broadcast-id', select.value);
select.addEventListener('change', show);
if (select.value) show();
