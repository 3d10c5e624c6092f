// Loaded into Prism with `node -r`: Prism's proxy logs that it refused a request, but not why
// (the why is only in the 422/500 problem+json body it answers). This writes each such body to
// Prism's log, where tests/e2e/conformance_rig.cpp reads it. It changes no answer.
'use strict';
const http = require('http');
const end = http.ServerResponse.prototype.end;
http.ServerResponse.prototype.end = function (chunk, ...rest) {
  const type = String(this.getHeader('content-type') || '');
  if (type.startsWith('application/problem+json') && chunk)
    process.stdout.write(`Prism refused: ${this.statusCode} ${chunk}\n`);
  return end.call(this, chunk, ...rest);
};
