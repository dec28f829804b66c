/// <reference lib="dom" />

/** Why the banner shows: the API is degraded (503), a token was refused (401), or the link is down. */
export type BannerKind = 'unavailable' | 'auth' | 'offline' | 'error';

/** One line across the top that says what is wrong instead of failing silently. */
export class Banner {
  private readonly active = new Map<BannerKind, string>();

  constructor(private readonly element: HTMLElement) {}

  show(kind: BannerKind, message: string): void {
    this.active.set(kind, message);
    this.render();
  }

  clear(kind: BannerKind): void {
    if (this.active.delete(kind)) this.render();
  }

  private render(): void {
    const [kind, message] = [...this.active.entries()].pop() ?? [];
    this.element.hidden = !kind;
    this.element.dataset.kind = kind ?? '';
    this.element.textContent = message ?? '';
  }
}
