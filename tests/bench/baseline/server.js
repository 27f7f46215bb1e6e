// The webhook benchmark's baseline: POST /voice/incoming as a Node.js developer would write it with
// Express and the official twilio helper (twilio.webhook() checks X-Twilio-Signature, VoiceResponse
// writes the TwiML). Same logic as `switchboard serve`, except that the number mappings and the call log
// live in memory (a Map and an array) instead of SQLite: that favours this baseline.
//
//   node server.js --listen 127.0.0.1:PORT --public-url URL --mappings FILE
//
// TWILIO_AUTH_TOKEN is the signature key. FILE holds "e164,clientName" lines. Stops on SIGTERM.

'use strict';

const fs = require('fs');
const express = require('express');
const twilio = require('twilio');

function option(name) {
    const index = process.argv.indexOf('--' + name);
    if (index < 0 || index + 1 >= process.argv.length) {
        console.error(`server.js: --${name} is required`);
        process.exit(2);
    }
    return process.argv[index + 1];
}

const [host, port] = (() => {
    const listen = option('listen');
    const colon = listen.lastIndexOf(':');
    return [listen.slice(0, colon), Number(listen.slice(colon + 1))];
})();
const publicUrl = option('public-url').replace(/\/$/, '');
if (!process.env.TWILIO_AUTH_TOKEN) {
    console.error('server.js: TWILIO_AUTH_TOKEN is not set');
    process.exit(2);
}

// number -> { clientName, enabled }, and client -> { enabled }: what the C++ server keeps in SQLite.
const numbers = new Map();
const clients = new Map();
for (const line of fs.readFileSync(option('mappings'), 'utf8').split('\n')) {
    if (!line)
        continue;
    const [e164, clientName] = line.split(',');
    numbers.set(e164, { clientName, enabled: true });
    if (!clients.has(clientName))
        clients.set(clientName, { enabled: true });
}
const callLog = [];

const notInService = 'The number you have called is not in service. Goodbye.';

function enabledClientFor(e164) {
    const mapping = numbers.get(e164);
    if (!mapping || !mapping.enabled)
        return null;
    const client = clients.get(mapping.clientName);
    return client && client.enabled ? mapping.clientName : null;
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');

app.post('/voice/incoming',
         express.urlencoded({ extended: false }),
         twilio.webhook({ url: publicUrl + '/voice/incoming' }),
         (request, response) => {
             const to = request.body.To || '';
             const from = request.body.From || '';
             const clientName = enabledClientFor(to);
             const twiml = new twilio.twiml.VoiceResponse();
             if (clientName) {
                 twiml.dial({ timeout: 60, action: '/voice/dial-complete' }).client(clientName);
             } else {
                 twiml.say({ language: 'en-US' }, notInService);
                 twiml.hangup();
             }
             callLog.push({
                 callSid: request.body.CallSid,
                 status: request.body.CallStatus || 'ringing',
                 direction: from.startsWith('client:') ? 'outgoing' : 'incoming',
                 from,
                 to,
                 clientName,
                 timestamp: new Date().toISOString(),
             });
             response.type('text/xml').send(twiml.toString());
         });

const server = app.listen(port, host, () => {
    console.log(`baseline listening on http://${host}:${server.address().port} ` +
                `(${numbers.size} numbers, ${clients.size} clients)`);
});
process.on('SIGTERM', () => {
    console.log(`baseline: SIGTERM, ${callLog.length} calls logged`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
});
