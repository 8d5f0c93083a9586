// The platforms a request can come from. Its own module because both the core (invocations) and the store
// (channel keys) need it, and the store must not import the core.
import { z } from 'zod';

export const platformSchema = z.enum(['slack', 'discord', 'shell', 'cli']);
export type Platform = z.infer<typeof platformSchema>;
