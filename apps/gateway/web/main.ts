/// <reference lib="dom" />
import type { BookSnapshot, FeedStatus, MarketQuality, PriceTick } from '@mirrorbook/contracts';
import type { ActivityItem } from '../src/activity/activity-item.view';
import type { BotOrders, BotView } from '../src/bots/bot.view';
import type { MarketView } from '../src/markets/market.view';
import type { ServicesResponse, ServiceView } from '../src/services/service.view';
import type { WalletView } from '../src/wallets/wallet.view';
import { ActivityFeed } from './activity-feed.view';
import { ApiClient } from './api.client';
import { Banner } from './banner.view';
import { BotCard } from './bot-card.view';
import { LiveSocket } from './live.socket';
import { LogsDialog } from './logs-dialog.view';
import { MarketPanel } from './market-panel.view';
import { ServicesTable } from './services.view';
import { tokenStore } from './token.store';
import { renderWallets } from './wallets.view';

const $ = <T extends HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`)!;

/** Throttle for REST refreshes triggered by live ticks (gap and depth are computed by the gateway). */
function throttle(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    timer ??= window.setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}

class Dashboard {
  private readonly banner = new Banner($('banner'));
  private readonly api = new ApiClient(this.banner);
  private readonly cards = new Map<string, BotCard>();
  private readonly panels = new Map<string, MarketPanel>();
  private readonly activity = new ActivityFeed($('activity-feed'));
  private readonly services = new ServicesTable($('services').querySelector('tbody')!);
  private readonly logs = new LogsDialog(this.api);
  private readonly orders = new Map<string, BotOrders>();
  private bots: BotView[] = [];
  private readonly refreshMarkets = throttle(() => void this.loadMarkets(), 2000);
  private readonly refreshBots = throttle(() => void this.loadBots(), 3000);
  private readonly refreshOrders = throttle(() => void this.loadOrders(), 1000);
  private readonly socket = new LiveSocket(
    ['prices', 'books', 'bots', 'activity', 'services'],
    { snapshot: (topic, data) => this.snapshot(topic, data), delta: (topic, event, data) => this.delta(topic, event, data) },
    this.banner,
    $('ws-status'),
  );

  async start(): Promise<void> {
    document.body.append(this.logs.element);
    this.wireToken();
    await Promise.allSettled([this.loadMarkets(), this.loadBots(), this.loadWallets(), this.loadServices()]);
    void this.loadOrders();
    this.socket.connect();
    // balances, uptimes and anything the live topics do not carry
    setInterval(() => void Promise.allSettled([this.loadBots(), this.loadWallets(), this.loadMarkets(), this.loadOrders()]), 15_000);
  }

  private wireToken(): void {
    const input = $<HTMLInputElement>('token-input');
    const state = $('token-state');
    const show = () => (state.textContent = tokenStore.get() ? 'token saved for this tab' : 'no token: read-only');
    show();
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (input.value.trim()) tokenStore.set(input.value.trim());
      input.value = '';
      this.banner.clear('auth');
      show();
      this.socket.subscribe();
    });
    $('token-clear').addEventListener('click', () => {
      tokenStore.clear();
      show();
    });
  }

  private async loadMarkets(): Promise<void> {
    const markets = await this.api.get<MarketView[]>('/api/markets');
    const container = $('markets');
    for (const view of markets) {
      const panel = this.panels.get(view.key);
      if (panel) panel.update(view);
      else {
        const created = new MarketPanel(view, this.api);
        this.panels.set(view.key, created);
        container.append(created.element);
      }
    }
  }

  private async loadBots(): Promise<void> {
    this.showBots(await this.api.get<BotView[]>('/api/bots'));
  }

  private showBots(bots: BotView[]): void {
    this.bots = bots;
    for (const bot of bots) this.showBot(bot);
  }

  private showBot(bot: BotView): void {
    this.bots = this.bots.map((b) => (b.id === bot.id ? bot : b));
    const card = this.cards.get(bot.id);
    if (card) return card.update(bot);
    const created = new BotCard(bot, this.api, { showLogs: (id) => void this.logs.show(id), changed: (b) => this.showBot(b) });
    this.cards.set(bot.id, created);
    $('bots').append(created.element);
  }

  private async loadWallets(): Promise<void> {
    renderWallets($('wallets').querySelector('tbody')!, await this.api.get<WalletView[]>('/api/wallets'));
  }

  private async loadServices(): Promise<void> {
    const response = await this.api.get<ServicesResponse>('/api/services');
    this.services.replace(response.services, response.staleAfterMs);
  }

  /** Every bot's open orders, for the ladders' highlights. */
  private async loadOrders(): Promise<void> {
    const results = await Promise.allSettled(this.bots.map((b) => this.api.get<BotOrders>(`/api/bots/${b.id}/orders`)));
    for (const result of results) if (result.status === 'fulfilled') this.orders.set(result.value.bot, result.value);
    for (const [market, panel] of this.panels) {
      panel.setOwnOrders([...this.orders.values()].flatMap((o) => o.markets.filter((m) => m.market === market).flatMap((m) => m.orders)));
    }
  }

  private snapshot(topic: string, data: unknown): void {
    switch (topic) {
      case 'prices':
        for (const tick of (data as { ticks: PriceTick[]; statuses: FeedStatus[] }).ticks) this.panels.get(tick.market)?.tick(tick);
        break;
      case 'books':
        for (const book of data as BookSnapshot[]) this.panels.get(book.market)?.setBook(book);
        break;
      case 'bots':
        this.showBots(data as BotView[]);
        break;
      case 'activity':
        this.activity.replace(data as ActivityItem[]);
        break;
      case 'services':
        this.services.replace(data as ServiceView[]);
        break;
    }
  }

  private delta(topic: string, event: string, data: unknown): void {
    if (topic === 'prices' && event === 'tick') {
      this.panels.get((data as PriceTick).market)?.tick(data as PriceTick);
      this.refreshMarkets();
      this.refreshBots();
    } else if (topic === 'prices' && event === 'status') this.refreshMarkets();
    else if (topic === 'books' && event === 'quality') this.panels.get((data as MarketQuality).market)?.setQuality(data as MarketQuality);
    else if (topic === 'books') {
      this.panels.get((data as BookSnapshot).market)?.setBook(data as BookSnapshot);
      this.refreshMarkets();
    } else if (topic === 'bots') this.showBot(data as BotView);
    else if (topic === 'activity') {
      this.activity.add(data as ActivityItem);
      if ((data as ActivityItem).kind === 'order') this.refreshOrders();
    } else if (topic === 'services') {
      this.services.set(data as ServiceView);
      this.services.render();
    }
  }
}

void new Dashboard().start();
