import { z } from 'zod';
import { zodDto } from '../platform/zod.dto';

/**
 * `PATCH /api/bots/:id/params`: a JSON Merge Patch (RFC 7396) of the bot's live overrides, e.g.
 * `{ "baseSize": "2", "maintenance": { "perSide": { "min": 4, "max": 6 } }, "leverage": null }`
 * (`null` removes an override). Validated after merging, against every market of the bot.
 */
export const paramsPatchSchema = z.record(z.string(), z.unknown());

/** The validated patch body. */
export class ParamsPatch extends zodDto(paramsPatchSchema) {}
