import * as v from 'valibot';
import { requiredText } from './fields';

/** The person using the extension: the "To Me" record and the default owner. */
export interface Identity {
  name: string;
  email: string;
}

export const IdentitySchema = v.object({
  name: requiredText('Your name', 100),
  email: v.pipe(
    requiredText('Email', 254),
    v.email('Email must be an address like name@example.com.'),
    v.transform((s) => s.toLowerCase()),
  ),
});

export interface Settings {
  identity: Identity | null;
}

export const DEFAULT_SETTINGS: Settings = { identity: null };
