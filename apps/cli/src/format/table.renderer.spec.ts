import { renderFacts, renderTable, type Column } from './table.renderer';

interface Row {
  market: string;
  price: string;
}

const columns: Column<Row>[] = [
  { header: 'MARKET', value: (r) => r.market },
  { header: 'PRICE', align: 'right', value: (r) => r.price },
];

describe('renderTable', () => {
  it('aligns columns without borders or colours', () => {
    const text = renderTable(columns, [
      { market: 'inj-usdt', price: '12.5' },
      { market: 'btc-usdt-perp', price: '101000' },
    ]);
    expect(text.split('\n')).toEqual([
      'MARKET          PRICE',
      'inj-usdt         12.5',
      'btc-usdt-perp  101000',
    ]);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('says so when there are no rows', () => {
    expect(renderTable(columns, [], '(no open orders)')).toBe('(no open orders)');
  });
});

describe('renderFacts', () => {
  it('aligns the values', () => {
    expect(renderFacts([
      ['network', 'sim'],
      ['address', 'inj1…'],
    ])).toBe('network: sim\naddress: inj1…');
  });
});
