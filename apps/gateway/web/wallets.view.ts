/// <reference lib="dom" />
import type { WalletView } from '../src/wallets/wallet.view';
import { h, replaceChildren } from './dom';
import { feeState, shortAddress, shortDecimal } from './format';

/** Wallets with their executor, balances and fees. */
export function renderWallets(body: HTMLElement, wallets: WalletView[]): void {
  replaceChildren(
    body,
    wallets.map((w) =>
      h(
        'tr',
        { 'data-testid': `wallet-${w.id}` },
        h('td', {}, h('b', {}, w.id), h('br'), h('small', {}, w.label)),
        h('td', {}, h('code', { title: w.address ?? '' }, shortAddress(w.address))),
        h('td', {}, w.executor ? h('span', { class: `badge state ${w.executor.state}` }, w.executor.stale ? 'stale' : w.executor.state) : h('span', { class: 'muted' }, 'none')),
        h(
          'td',
          {},
          w.balances
            ? Object.values(w.balances.balances).map((b) => h('div', {}, h('b', {}, b.symbol), ` ${shortDecimal(b.available)} / ${shortDecimal(b.total)}`))
            : h('span', { class: 'muted' }, '—'),
        ),
        // the lines are the gateway's (feeReport of libs/market, as `mirrorbook balances` prints them)
        h('td', { class: 'fees', 'data-testid': `wallet-fees-${w.id}`, 'data-fee-state': feeState(w.fees) }, w.fees.lines.map((line) => h('div', {}, line))),
      ),
    ),
  );
}
