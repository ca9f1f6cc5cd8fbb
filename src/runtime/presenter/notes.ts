/** The speaker notes of a slide, copied as nodes (no markup is re-parsed); undefined when it has none. */
export function notesOf(slide: HTMLElement | undefined): Node[] | undefined {
  if (!slide) return undefined;
  const aside = slide.querySelector(':scope > aside.notes');
  if (aside?.hasChildNodes()) return [...aside.childNodes].map((n) => n.cloneNode(true));
  const attr = slide.getAttribute('data-notes');
  return attr ? [document.createTextNode(attr)] : undefined;
}
