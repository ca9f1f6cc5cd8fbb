// The deck's settings (all optional). Front matter in the first slide file may set title: and lang: too.
/** @type {import('../../src/config/types.ts').DeckConfigInput} */
export default {
  lang: 'en',
  // outDir: 'dist',            where `deck build` writes the site
  // slidesDir: 'slides',       the markdown files, read in name order
  // facts: 'slides/data/facts.yaml',
  // theme: 'theme.css',        a stylesheet after the built-in theme
  // scripts: ['scripts/talk.js'], the deck's own modules, run with reveal.js (README: A deck's own scripts)
  // relay: true,               `deck start` lets phones follow the presenter
  // offline: true,             phones keep the deck once loaded (a service worker); false turns it off
  // csp: { img: ['https://images.example.com'] },
};
