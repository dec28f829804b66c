export { executorIdentityName, identityNameOf, serviceIdentities, type NatsGrant, type RedisGrant, type ServiceIdentity } from './access.table';
export { envToken, natsPasswordVariable, renderNatsAuthorization, type NatsSecret } from './nats-authorization.renderer';
export { redisPasswordVariable, renderRedisAcl } from './redis-acl.renderer';
export { renderIdentitiesMarkdown } from './identities-markdown.renderer';
