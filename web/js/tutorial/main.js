// tutorial/main.js — the tutorial page (web/tutorial.html): its figures are live lrplay embeds
// (frames.js), their messages are read defensively (messages.js) and only from the frames this
// page made (e.source === frame.contentWindow), and the numbers the prose quotes are filled from
// the results (numbers.js). The code under each training figure comes from the config the frame
// reported (code.js). Nothing here makes markup from data: text goes in through textContent.
import { Figure, Scheduler } from './frames.js';
import { readMessage, senderOf, frameHeight } from './messages.js';
import { fillNumbers } from './numbers.js';
import { showCode } from './code.js';

function start() {
  const figures = [];
  const scheduler = { release() {} };
  const onTimeout = (fig) => {
    if (fig.state === 'blocked') document.getElementById('file-note').hidden = false;
    scheduler.release(fig);
  };
  for (const el of document.querySelectorAll('figure.exp')) figures.push(new Figure(el, { onTimeout }));

  window.addEventListener('message', (e) => {
    const fig = senderOf(e, figures);
    if (!fig) return;
    const m = readMessage(e.data);
    if (!m) return;
    if (m.type === 'resize') { fig.receive({ type: 'resize', height: frameHeight(m.height) }); return; }
    if (m.type === 'ready' && m.config) {
      const body = fig.el.querySelector('.code-body');
      if (body) {
        try { showCode(body, m.config); } catch (err) { body.textContent = `No code: ${err.message}`; }
      }
    }
    if (m.type === 'find' || m.type === 'train') fillNumbers(document, fig.id.replace(/^fig-/, ''), m.result);
    if (fig.receive(m)) scheduler.release(fig);
  });

  const s = new Scheduler(figures);
  scheduler.release = (fig) => s.release(fig);
  document.documentElement.dataset.tutorial = 'ready';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
