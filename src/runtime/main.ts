import 'reveal.js/reveal.css';
import '../../assets/theme/briefing.css';
// Only the stylesheets of the blocks this deck uses (the deck's Vite plugin writes the list).
import 'virtual:deck/block-styles';
import '../../assets/theme/index.css';
import { startDeck } from './deck.ts';
import { firstSlidePainted } from './first-paint.ts';

void firstSlidePainted().then(() => startDeck());
