/**
 * The two sides scroll together. Both renderings tag their blocks with
 * their place in the input (`data-o`), so the block at the top of one side
 * is found on the other (or, for a block removed from the cleaned side, the
 * one before it) and brought to the same height. The side the editor is
 * using drives; the other follows.
 */
export class ScrollSync {
  #driver: HTMLElement | null = null;
  #frame = 0;

  constructor(
    private readonly a: HTMLElement,
    private readonly b: HTMLElement,
  ) {
    for (const pane of [a, b]) {
      const drive = () => {
        this.#driver = pane;
      };
      pane.addEventListener('wheel', drive, { passive: true });
      pane.addEventListener('pointerdown', drive);
      pane.addEventListener('touchstart', drive, { passive: true });
      pane.addEventListener('keydown', drive);
      pane.addEventListener('focusin', drive);
      pane.addEventListener('scroll', () => {
        if (this.#driver !== pane) return;
        cancelAnimationFrame(this.#frame);
        this.#frame = requestAnimationFrame(() => this.follow(pane, pane === a ? b : a));
      });
    }
  }

  /** Stop following until the editor scrolls again (for scrolls the page makes itself). */
  pause(): void {
    this.#driver = null;
  }

  follow(from: HTMLElement, to: HTMLElement): void {
    const top = from.getBoundingClientRect().top;
    const anchor = Array.from(from.querySelectorAll<HTMLElement>('[data-o]')).find((el) => el.getBoundingClientRect().bottom > top + 1);
    if (!anchor) return;
    const offset = Number(anchor.dataset.o);
    const box = anchor.getBoundingClientRect();
    const fraction = box.height > 0 ? Math.min(1, Math.max(0, (top - box.top) / box.height)) : 0;
    let target: HTMLElement | undefined;
    let targetOffset = -1;
    for (const el of Array.from(to.querySelectorAll<HTMLElement>('[data-o]'))) {
      const o = Number(el.dataset.o);
      if (o <= offset && o >= targetOffset) {
        target = el;
        targetOffset = o;
      }
    }
    if (!target) {
      to.scrollTop = 0;
      return;
    }
    const t = target.getBoundingClientRect();
    const within = targetOffset === offset ? fraction * t.height : t.height;
    to.scrollTop += t.top - to.getBoundingClientRect().top + within - (box.top > top ? box.top - top : 0);
  }
}
