import 'reveal.js/reveal.css';
import '../../assets/theme/index.css';
import { startDeck } from './deck.ts';
import { firstSlidePainted } from './first-paint.ts';

void firstSlidePainted().then(() => startDeck());
