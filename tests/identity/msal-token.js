// Gets an access token from acgprov-sim with Microsoft's own identity client, @azure/msal-node,
// configured as a new user of the API would configure it: a ConfidentialClientApplication
// whose authority is the emulator's (https://127.0.0.1:PORT/TENANT), then
// acquireTokenByClientCredential. MSAL reads the tenant's OpenID discovery document from the
// emulator; knownAuthorities names the emulator as its own cloud (otherwise MSAL asks Microsoft's
// public instance discovery, which only knows Microsoft's clouds).
//
// usage: node msal-token.js AUTHORITY CLIENT_ID SCOPE
// The client secret comes from MSAL_CLIENT_SECRET (never argv); the emulator's CA from
// NODE_EXTRA_CA_CERTS. Then checks the token as a resource server would, with the issuer's
// published keys: the discovery document's jwks_uri, the key named by the token's kid, the
// signature, and iss = the document's issuer. Prints {"accessToken", "expiresOn", "tokenType",
// "authority", "signatureVerified", "issuer"} on stdout; on failure the error's code and
// message on stderr, exit 1.
'use strict';
const crypto = require('crypto');
const https = require('https');
const msal = require('@azure/msal-node');

function getJson(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
        try { resolve(JSON.parse(body)); } catch (e) { reject(e); }
      });
    }).on('error', reject);
  });
}

async function verifyWithJwks(authority, token) {
  const config = await getJson(`${authority}/v2.0/.well-known/openid-configuration`);
  const jwks = await getJson(config.jwks_uri);
  const [h, c, s] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const claims = JSON.parse(Buffer.from(c, 'base64url'));
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in ${config.jwks_uri}`);
  const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' },
                           Buffer.from(s, 'base64url'));
  return { signatureVerified: ok && claims.iss === config.issuer, issuer: config.issuer };
}

async function main() {
  const [authority, clientId, scope] = process.argv.slice(2);
  if (!authority || !clientId || !scope || !process.env.MSAL_CLIENT_SECRET) {
    console.error('usage: MSAL_CLIENT_SECRET=... node msal-token.js AUTHORITY CLIENT_ID SCOPE');
    process.exit(2);
  }
  const app = new msal.ConfidentialClientApplication({
    auth: {
      clientId,
      authority,
      clientSecret: process.env.MSAL_CLIENT_SECRET,
      knownAuthorities: [new URL(authority).host],
    },
  });
  const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
  if (!result || !result.accessToken) throw new Error('MSAL returned no access token');
  const check = await verifyWithJwks(authority, result.accessToken);
  process.stdout.write(JSON.stringify({
    accessToken: result.accessToken,
    expiresOn: result.expiresOn,
    tokenType: result.tokenType,
    authority: result.authority,
    ...check,
  }) + '\n');
}

main().catch((e) => {
  console.error(`msal-node failed: ${e.errorCode || e.name}: ${e.errorMessage || e.message}`);
  process.exit(1);
});
