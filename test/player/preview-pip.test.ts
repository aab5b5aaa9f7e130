/** `<sf-preview-player>`'s picture-in-picture button: there while a preview plays where the browser has the video's own PiP, absent elsewhere. */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import { engine, itWhere } from '../support/capabilities.js';
import { partOf, streamUrl, videoOf } from './support.js';

const videoPip = document.pictureInPictureEnabled === true && typeof HTMLVideoElement.prototype.requestPictureInPicture === 'function';
const itWithVideoPip = itWhere(videoPip, `${engine} has no video picture-in-picture API`);

describe('<sf-preview-player> picture-in-picture', function () {
  this.timeout(20_000);
  afterEach(() => fixtureCleanup());

  async function playingPlayer(): Promise<SfPreviewPlayer> {
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:160px" autoplay engine="hlsjs" lang="en" src=${streamUrl('pip')}></sf-preview-player>`);
    await waitUntil(() => el.state === 'playing', `state stayed ${el.state}`, { timeout: 10_000 });
    await el.updateComplete;
    return el;
  }

  it(`shows the button exactly where the browser has the API (${videoPip ? 'here it has' : 'here it has not'})`, async () => {
    const el = await playingPlayer();
    expect(partOf(el, 'pip-button') !== null).to.equal(videoPip);
  });

  itWithVideoPip('the button asks the video for picture-in-picture, named and with its state', async () => {
    const el = await playingPlayer();
    const button = partOf(el, 'pip-button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Picture in picture');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    const video = videoOf(el);
    let asked = 0;
    // The browser wants a real gesture for the window itself; what we check is that the press asks for it.
    video.requestPictureInPicture = () => {
      asked++;
      return Promise.reject(new DOMException('test', 'NotAllowedError'));
    };
    button.click();
    expect(asked).to.equal(1);
    await expect(el).to.be.accessible();
  });
});
