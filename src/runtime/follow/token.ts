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
