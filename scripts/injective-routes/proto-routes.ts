/**
 * The REST routes Injective's own definitions give the query and tx services mirrorbook uses: the
 * `google.api.http` options of the service descriptors in `@injectivelabs/core-proto-ts-v2`, which
 * is generated from the injective-core and cosmos-sdk `.proto` files. Read by
 * `scripts/vendor-injective-routes.ts` (to write the vendored copy) and by the contract tests (to
 * check the copy against the installed package).
 */

/** One service: where its descriptor lives in the package and the `.proto` it was generated from. */
export interface ProtoServiceSource {
  /** path inside the package, without `.js` */
  module: string;
  /** export name of the ServiceType */
  exportName: string;
  /** the upstream `.proto`, for a reader who wants the source */
  proto: string;
}

export interface ProtoRoute {
  /** `injective.exchange.v2.Query.SubaccountDeposits` */
  rpc: string;
  verb: 'GET' | 'POST';
  /** gRPC-gateway template, e.g. `/injective/exchange/v2/spot/orderbook/{market_id}` */
  path: string;
  /** fully qualified request and response message names */
  request: string;
  response: string;
}

export const PROTO_PACKAGE = '@injectivelabs/core-proto-ts-v2';

/** The services whose routes the venue adapter, the cli and the simulator use. */
export const PROTO_SERVICES: readonly ProtoServiceSource[] = [
  { module: 'generated/injective/exchange/v2/query_pb', exportName: 'Query', proto: 'injective-core: proto/injective/exchange/v2/query.proto' },
  { module: 'generated/injective/txfees/v1beta1/query_pb', exportName: 'Query', proto: 'injective-core: proto/injective/txfees/v1beta1/query.proto' },
  { module: 'generated/cosmos/bank/v1beta1/query_pb', exportName: 'Query', proto: 'cosmos-sdk: proto/cosmos/bank/v1beta1/query.proto' },
  { module: 'generated/cosmos/auth/v1beta1/query_pb', exportName: 'Query', proto: 'cosmos-sdk: proto/cosmos/auth/v1beta1/query.proto' },
  { module: 'generated/cosmos/base/tendermint/v1beta1/query_pb', exportName: 'Service', proto: 'cosmos-sdk: proto/cosmos/base/tendermint/v1beta1/query.proto' },
  { module: 'generated/cosmos/base/node/v1beta1/query_pb', exportName: 'Service', proto: 'cosmos-sdk: proto/cosmos/base/node/v1beta1/query.proto' },
  { module: 'generated/cosmos/tx/v1beta1/service_pb', exportName: 'Service', proto: 'cosmos-sdk: proto/cosmos/tx/v1beta1/service.proto' },
];

interface ServiceDescriptor {
  typeName: string;
  methods: readonly { name: string; options: Record<string, unknown>; I: { typeName: string }; O: { typeName: string } }[];
}

/** The routes of one service descriptor (methods without an HTTP rule are left out). */
export function routesOfService(service: ServiceDescriptor): ProtoRoute[] {
  const routes: ProtoRoute[] = [];
  for (const method of service.methods) {
    const rule = method.options['google.api.http'] as { get?: string; post?: string } | undefined;
    if (!rule) continue;
    const verb = rule.get !== undefined ? 'GET' : 'POST';
    const path = rule.get ?? rule.post;
    if (path === undefined) continue;
    routes.push({ rpc: `${service.typeName}.${method.name}`, verb, path, request: method.I.typeName, response: method.O.typeName });
  }
  return routes;
}

/** Every route of `PROTO_SERVICES`, read from the installed package. */
export function installedProtoRoutes(): ProtoRoute[] {
  return PROTO_SERVICES.flatMap((source) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package is ESM-only; Node ≥ 20.19 requires it synchronously
    const module = require(`${PROTO_PACKAGE}/${source.module}.js`) as Record<string, ServiceDescriptor>;
    const service = module[source.exportName];
    if (!service?.methods) throw new Error(`${PROTO_PACKAGE}/${source.module}: no service ${source.exportName}`);
    return routesOfService(service);
  });
}

/**
 * Whether a concrete path (no query string) matches a gRPC-gateway template: `{field}` stands for
 * one path segment, `{field=**}` for the rest of the path.
 */
export function matchesRoute(path: string, template: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      return part.includes('=**') ? '.+' : '[^/]+';
    })
    .join('');
  return new RegExp(`^${pattern}$`).test(path);
}
