/** The follow-along relay's WebSocket path, served by `npm start`. */
export const RELAY_PATH = '/follow';

/** Header on HTML pages telling the runtime that a relay listens at this path (static hosts send none). */
export const RELAY_HEADER = 'X-Deck-Relay';
