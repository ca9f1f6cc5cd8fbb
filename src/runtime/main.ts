import 'reveal.js/reveal.css';
import '../../assets/theme/briefing.css';
// Only the stylesheets of the blocks this deck uses (the deck's Vite plugin writes the list).
import 'virtual:deck/block-styles';
import '../../assets/theme/index.css';
import { startDeck } from './deck.ts';
import { fetchEveryFace, firstSlidePainted } from './first-paint.ts';
import { createParts } from './parts/index.ts';

// The parts are made now, so the blocks' runtime chunks load while the first slide is painted (made when the
// deck started, they were requested a round trip later: ~100 ms of a phone's ready). The rest of the font starts
// downloading once the first slide's faces are in, not after the paint.
const parts = createParts();
void firstSlidePainted(document, fetchEveryFace).then(() => startDeck(parts));
