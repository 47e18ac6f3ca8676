import express, { Router, type Request } from 'express';
import { DomainError } from '../../platform/errors.js';
import { InvalidInput } from '../../platform/errors.js';
import type { ConnectorRegistry } from '../connector-registry.js';
import { callbackSignature, signatureMatches } from './callback-crypto.js';
import { encryptedPartOf, parseCallbackMessage } from './callback-message.js';
import { isOfficialAccount, type WeChatOfficialConnector } from './wechat-official.adapter.js';

export class CallbackSignatureInvalid extends DomainError {
  readonly code = 'connectors.wechat_signature_invalid';
  readonly kind = 'unauthenticated';
  constructor() {
    super('the callback is not signed with the account\'s server token');
  }
}

class UnknownOfficialAccount extends DomainError {
  readonly code = 'connectors.unknown_account';
  readonly kind = 'not-found';
  constructor() {
    super('no Official Account with this id');
  }
}

/** WeChat posts at most a few kilobytes; anything larger is not WeChat. */
const BODY_LIMIT = '64kb';

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The server URL of each Official Account, `/wechat-official/<account>`, as set in the account's "server
 * configuration": GET is WeChat's check of the URL (echo `echostr` when the signature matches), POST carries the
 * followers' messages and events, plain or in safe mode. A post whose signature does not match gets 401 and writes
 * nothing; a good one is answered `success` as soon as it is safe on disk, within WeChat's 5 seconds.
 */
export function createOfficialAccountCallbackRoutes(deps: { registry: ConnectorRegistry }): Router {
  const router = Router();
  const connectorOf = (req: Request): WeChatOfficialConnector => {
    const connector = deps.registry.get(String(req.params.account));
    if (!isOfficialAccount(connector)) throw new UnknownOfficialAccount();
    return connector;
  };
  const checkSignature = (req: Request, token: string): void => {
    const [timestamp, nonce] = [query(req, 'timestamp') ?? '', query(req, 'nonce') ?? ''];
    if (!signatureMatches(callbackSignature([token, timestamp, nonce]), query(req, 'signature'))) throw new CallbackSignatureInvalid();
  };

  router.get('/:account', (req, res) => {
    const { token } = connectorOf(req).callbackSecrets;
    checkSignature(req, token);
    res.type('text/plain').send(query(req, 'echostr') ?? '');
  });

  router.post('/:account', express.text({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const connector = connectorOf(req);
    const { token, crypto } = connector.callbackSecrets;
    checkSignature(req, token);
    const body = typeof req.body === 'string' ? req.body : '';
    let xml = body;
    if (query(req, 'encrypt_type') === 'aes') {
      if (!crypto) throw new InvalidInput([{ field: 'query.encrypt_type', message: 'the account has no EncodingAESKey: safe mode is off' }]);
      const encrypted = readOr400(() => encryptedPartOf(body), 'body');
      const expected = callbackSignature([token, query(req, 'timestamp') ?? '', query(req, 'nonce') ?? '', encrypted]);
      if (!signatureMatches(expected, query(req, 'msg_signature'))) throw new CallbackSignatureInvalid();
      xml = readOr400(() => crypto.decrypt(encrypted), 'body.Encrypt');
    }
    const message = readOr400(() => parseCallbackMessage(xml), 'body');
    await connector.acceptCallback(message);
    res.type('text/plain').send('success');
  });
  return router;
}

/** A signed post that does not read is a fault on WeChat's side or ours: 400 naming the part, nothing written. */
function readOr400<T>(read: () => T, field: string): T {
  try {
    return read();
  } catch {
    throw new InvalidInput([{ field, message: 'is not a WeChat callback message' }]);
  }
}
