import 'reveal.js/reveal.css';
import '../../assets/theme/index.css';
import { startDeck } from './deck.ts';

void startDeck();
