import 'reveal.js/reveal.css';
import '../../assets/theme/briefing.css';
// Only the stylesheets of the blocks this deck uses (the deck's Vite plugin writes the list).
import 'virtual:deck/block-styles';
import '../../assets/theme/index.css';
import { startDeck } from './deck.ts';
import { fetchEveryFace, usePrintFaces } from './faces.ts';
import { firstSlidePainted } from './first-paint.ts';
import { isPrintView } from './follow/page-mode.ts';

// The print view draws with its own faces (one a weight), set before anything asks for the others.
if (isPrintView()) usePrintFaces();
// The rest of the font starts downloading once the first slide's faces are in, not after the paint: on a
// phone's slow link it is what ready waits for longest.
void firstSlidePainted(document, fetchEveryFace).then(() => startDeck());
