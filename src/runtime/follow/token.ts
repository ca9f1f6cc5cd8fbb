const KEY = 'deck-presenter-token';

/**
 * The presenter token from `?token=` (then taken out of the address bar, so a projected browser does not
 * show it) or from this tab's session. Undefined for an audience.
 */
export function presenterToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.href);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** A rejected token is forgotten, so reloading does not retry it. */
export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

const SEAT = 'deck-presenter-seat';

/**
 * This browser's presenter seat: its presenter pages (the projector's deck and the presenter view) share control
 * of the talk, and another browser takes over explicitly. Not a secret: the token is.
 */
export function presenterSeat(): string {
  let seat = localStorage.getItem(SEAT);
  if (!seat || !/^[A-Za-z0-9_-]{1,32}$/.test(seat)) {
    seat = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
      b.toString(36).padStart(2, '0'),
    ).join('');
    localStorage.setItem(SEAT, seat);
  }
  return seat;
}
