// An independent OpenID provider for the worked example "a real identity provider":
// npm `oidc-provider` (a certified OpenID Connect implementation, pinned in
// package-lock.json), configured as a staging national SSO would be, with its own login,
// consent and sign-out confirmation pages. Only the pages and the accounts are ours; every
// protocol rule (discovery, code flow + PKCE S256, client_secret_basic, RS256, userinfo,
// end_session) is oidc-provider's.
//
//   node scripts/oidc_provider/provider.mjs --port 8111 --config provider.json
//
// provider.json (written by the suite from the target profile, fixtures/oidc_provider.py):
//   { "client": { "client_id", "client_secret", "redirect_uris": [...],
//                 "post_logout_redirect_uris": [...] },
//     "accounts": [ { "username", "password", "sub", "acr"?, "claims": { ... } } ] }
// The claims are given as the provider holds them (its own formats) and served by userinfo.
// It listens on 127.0.0.1 only, answers GET /health, and exits when its parent does.

import { randomBytes, generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: { port: { type: 'string' }, config: { type: 'string' } },
});
if (!args.port || !args.config) {
  console.error('usage: provider.mjs --port N --config FILE');
  process.exit(2);
}
const config = JSON.parse(readFileSync(args.config, 'utf8'));
const issuer = `http://127.0.0.1:${args.port}`;
const accounts = new Map(config.accounts.map((a) => [a.username, a]));
const bySub = new Map(config.accounts.map((a) => [a.sub, a]));
const claimNames = [...new Set(config.accounts.flatMap((a) => Object.keys(a.claims)))];

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    ...config.client,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile'],
  acrValues: ['LoA1', 'LoA2', 'LoA3'],
  claims: { openid: ['sub'], profile: claimNames },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource(ctx, form) {
        ctx.body = page('Đăng xuất khỏi hệ thống định danh', `${form}
<p>Bạn có muốn đăng xuất khỏi hệ thống định danh không?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button>
<button type="submit" form="op.logoutForm">Ở lại</button>`);
      },
      postLogoutSuccessSource(ctx) {
        ctx.body = page('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi hệ thống định danh.</p>');
      },
    },
  },
  async findAccount(ctx, sub) {
    const account = bySub.get(sub);
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Lỗi của hệ thống định danh', `<p>${escape(out.error)}: ${escape(out.error_description || '')}</p>`);
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
});

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; if (data.length > 10000) req.destroy(); });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

function sameText(a, b) {
  const x = Buffer.from(String(a)); const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

function loginPage(uid, error) {
  return page('Hệ thống định danh thử nghiệm', `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login" autocomplete="off">
  <label for="login">Tài khoản</label> <input id="login" name="login" required>
  <label for="secret">Mật khẩu</label> <input id="secret" name="secret" type="password" required>
  <button type="submit">Tiếp tục</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Quay lại ứng dụng</button></form>`);
}

function consentPage(uid, clientId) {
  return page('Cho phép chia sẻ thông tin định danh', `
<p>Ứng dụng <strong>${escape(clientId)}</strong> đề nghị nhận thông tin định danh của bạn.</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Đồng ý</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Từ chối</button></form>`);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Yêu cầu không hợp lệ', ''));
  const { prompt, params } = details;
  if (req.method === 'GET') {
    return send(res, 200, prompt.name === 'login' ? loginPage(uid) : consentPage(uid, params.client_id));
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false });
  }
  if (action === 'login') {
    const form = await readForm(req);
    const account = accounts.get(form.get('login') || '');
    if (!account || !sameText(account.password, form.get('secret') || '')) {
      return send(res, 200, loginPage(uid, 'Tên đăng nhập hoặc mật khẩu không đúng.'));
    }
    const login = { accountId: account.sub };
    if (account.acr) login.acr = account.acr;
    return provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm' && prompt.name === 'consent') {
    const { details: missing } = prompt;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return send(res, 400, page('Yêu cầu không hợp lệ', ''));
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ status: 'ok', service: 'oidc-provider' }));
  }
  const match = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/);
  if (match) {
    try {
      return await interaction(req, res, match[1], match[2]);
    } catch (err) {
      return send(res, 400, page('Phiên đăng nhập không còn hiệu lực', `<p>${escape(err.message)}</p>`));
    }
  }
  return callback(req, res);
});
server.listen(Number(args.port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));

// Stop with the process that started us: SIGTERM, or our parent gone (stdin closed).
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
