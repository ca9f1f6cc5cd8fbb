import 'reveal.js/reveal.css';
import '../../assets/theme/briefing.css';
import { startDeck } from './deck.ts';

void startDeck();
