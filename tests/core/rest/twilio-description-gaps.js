// Writes Twilio's API description with two gaps filled, each one where the description refuses what Twilio
// itself sends or accepts (its own examples show both):
// - Twilio clears a phone number's or a TwiML App's webhook field given an empty value (its console does
//   exactly that), but `format: uri` and the SID patterns refuse "". Disconnecting puts back fields that
//   were not set before connecting, so those fields of those two updates accept "" too, nothing else.
// - A list's page links (uri, first_page_uri, next_page_uri, previous_page_uri) are paths, like
//   "/2010-04-01/Accounts/AC…/IncomingPhoneNumbers.json?Page=1", but are described as absolute URIs:
//   they are checked as URI references.
//   node twilio-description-gaps.js IN OUT
'use strict';
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(input, 'utf8'));

const clearable = {
    '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json':
        ['VoiceUrl', 'StatusCallback', 'VoiceApplicationSid', 'VoiceFallbackUrl'],
    '/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json': ['VoiceUrl', 'StatusCallback', 'VoiceFallbackUrl'],
};
for (const [path, fields] of Object.entries(clearable)) {
    const properties = spec.paths[path].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties;
    for (const field of fields) {
        if (!properties[field])
            throw new Error(`${path} has no field ${field}: Twilio's description changed`);
        properties[field] = { anyOf: [properties[field], { type: 'string', maxLength: 0 }] };
    }
}

const pageLinks = new Set(['uri', 'first_page_uri', 'next_page_uri', 'previous_page_uri']);
let links = 0;
const visit = (node) => {
    if (!node || typeof node !== 'object')
        return;
    if (node.properties)
        for (const [name, schema] of Object.entries(node.properties))
            if (pageLinks.has(name) && schema && schema.format === 'uri') {
                schema.format = 'uri-reference';
                ++links;
            }
    for (const child of Object.values(node))
        visit(child);
};
visit(spec);
if (links === 0)
    throw new Error("no page links described as absolute URIs: Twilio's description changed");
fs.writeFileSync(output, JSON.stringify(spec));
