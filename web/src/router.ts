// History navigation: the views change the URL (a search is a URL), main.ts shows the view of the new location.

let show: () => void = () => {};

/** Called once by main.ts with the function that renders the current location. */
export function onLocationChange(handler: () => void): void {
  show = handler;
}

/** Goes to an in-app URL: a new history entry (or the current one replaced) and its view. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  show();
  if (!options.replace) window.scrollTo({ top: 0 });
}
