// Unit tests of the page script (resources/web/softphone.js) in Node, with a fake SDK (FakeTwilio.js) and
// fake devices and clocks: what it tells Twilio.Device, and what it reports for what the device does.
// The same script with the real SDK in QtWebEngine: tests/ui/engine/TestSoftphoneEngine and
// TestSimulatedPhone. Run by `node --test` (Node 18 or later), from ctest (CMakeLists.txt here).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { createSoftphone } = require(path.join(__dirname, '..', '..', '..', 'resources', 'web', 'softphone.js'));
const { makeFakeTwilio, FakeCall } = require('./FakeTwilio.js');

// A page with a fake SDK, devices and clock. reports: every [event, details], in order.
function makePage(options = {}) {
    const page = {
        reports: [],
        Twilio: 'Twilio' in options ? options.Twilio : makeFakeTwilio(),
        time: 1000,
        timers: [], // [callback, delay, repeats]
    };
    page.softphone = createSoftphone({
        report: (event, details) => page.reports.push([event, details]),
        Twilio: page.Twilio,
        mediaDevices: options.mediaDevices,
        AudioContext: undefined, // the simulated ringtone then says it cannot ring: a warning
        now: () => page.time,
        setTimeout: (callback, delay) => page.timers.push([callback, delay, false]),
        setInterval: (callback, delay) => page.timers.push([callback, delay, true]) - 1,
        clearInterval: () => {},
    });
    page.handle = (name, args) => page.softphone.handle(name, args || {});
    page.events = () => page.reports.map(([event]) => event);
    page.last = event => {
        const found = page.reports.filter(([name]) => name === event);
        return found.length ? found[found.length - 1][1] : undefined;
    };
    // Runs the timers that are due once (setTimeout) and forgets them.
    page.runTimers = () => {
        const due = page.timers.filter(([, , repeats]) => !repeats);
        page.timers = page.timers.filter(([, , repeats]) => repeats);
        due.forEach(([callback]) => callback());
    };
    page.device = () => page.Twilio.Device.made[page.Twilio.Device.made.length - 1];
    return page;
}

const settled = () => new Promise(resolve => setImmediate(resolve));

const twilioStart = { backend: 'twilio', identity: 'alice', token: 'token-1', codecPreferences: ['opus', 'pcmu'] };

// ---- what the page says when it loads

test('pageReady says the SDK version and support, or that there is no SDK', () => {
    assert.deepEqual(makePage().softphone.pageInfo(true),
                     { sdkVersion: '2.18.5', isSupported: true, isSecureContext: true });
    assert.deepEqual(makePage({ Twilio: undefined }).softphone.pageInfo(false),
                     { sdkVersion: '', isSupported: false, isSecureContext: false });
});

// ---- commands

test('an unknown command, or one before start, is an error report, not an exception', () => {
    const page = makePage();
    page.handle('launchRockets');
    page.handle('register');
    assert.deepEqual(page.events(), ['error', 'error']);
    assert.match(page.reports[0][1].message, /unknown command "launchRockets"/);
    assert.match(page.reports[1][1].message, /"register" before start/);
    assert.equal(page.reports[0][1].code, 0);
    assert.equal(page.reports[0][1].call, false);
});

test('the simulator\'s commands are refused while Twilio runs the phone', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    page.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    assert.deepEqual(page.events(), ['started', 'error']);
    assert.match(page.last('error').message, /unknown command "simulateIncoming"/);
});

test('start without the SDK says so', () => {
    const page = makePage({ Twilio: undefined });
    page.handle('start', twilioStart);
    assert.deepEqual(page.events(), ['error']);
    assert.match(page.last('error').message, /did not load/);
});

// ---- Twilio.Device's options

test('the settings\' codecs and edge reach Twilio.Device as they are, and are said back', () => {
    const page = makePage();
    page.handle('start', Object.assign({}, twilioStart, { codecPreferences: ['pcmu', 'opus'], edge: 'tokyo' }));
    const device = page.device();
    assert.equal(device.token, 'token-1');
    assert.deepEqual(device.options.codecPreferences, ['pcmu', 'opus']);
    assert.equal(device.options.edge, 'tokyo');
    assert.equal(device.options.closeProtection, false);
    assert.equal(device.options.allowIncomingWhileBusy, true); // call waiting
    assert.deepEqual(page.last('started'), { backend: 'twilio', codecPreferences: ['pcmu', 'opus'], edge: 'tokyo' });
});

test('no edge lets Twilio pick one', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    assert.equal('edge' in page.device().options, false);
    assert.equal(page.last('started').edge, '');
});

// The codecs' default is Config::AppSettings' alone: the page has none of its own to drift from it.
test('start without codecs is refused rather than filled in', () => {
    for (const codecPreferences of [undefined, []]) {
        const page = makePage();
        page.handle('start', Object.assign({}, twilioStart, { codecPreferences: codecPreferences }));
        assert.deepEqual(page.events(), ['error']);
        assert.match(page.last('error').message, /codecPreferences/);
        assert.equal(page.Twilio.Device.made.length, 0);
    }
});

test('a new start stops the running device first', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const first = page.device();
    page.handle('start', twilioStart);
    assert.equal(first.destroyed, true);
    assert.deepEqual(page.events(), ['started', 'stopped', 'started']);
    assert.equal(page.Twilio.Device.made.length, 2);
});

// ---- what the device reports

test('register reports registered, and a failed register is one error', async () => {
    const page = makePage();
    page.handle('start', twilioStart);
    page.handle('register');
    assert.deepEqual(page.last('registered'), { identity: 'alice' });

    const failing = makePage();
    failing.handle('start', twilioStart);
    const failure = Object.assign(new Error('ConnectionError'), { code: 31005 });
    failing.device().registerFailure = failure;
    failing.handle('register');
    // The SDK both emits the error and rejects with it: the person hears it once.
    failing.device().emit('error', failure);
    await settled();
    assert.deepEqual(failing.reports.filter(([event]) => event === 'error'),
                     [['error', { code: 31005, message: 'ConnectionError', callSid: '', call: false }]]);
});

test('a token is handed to the device', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    page.handle('token', { token: 'token-2' });
    assert.equal(page.device().token, 'token-2');
    assert.equal(page.events().at(-1), 'tokenUpdated');
});

test('an incoming call is reported with its SID, number and line, and its events follow it', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const call = new FakeCall({ CallSid: 'CA1', From: '+819059876543', To: 'client:alice' });
    page.device().emit('incoming', call);
    assert.deepEqual(page.last('incoming'), { callSid: 'CA1', from: '+819059876543', to: 'client:alice' });
    page.handle('accept');
    assert.deepEqual(call.calls, [['accept']]);
    call.emit('accept');
    call.emit('mute', true);
    page.handle('sendDigits', { digits: '12#' });
    call.emit('disconnect');
    call.emit('disconnect'); // said once: the call is over
    assert.deepEqual(page.reports.slice(-4), [
        ['accept', { callSid: 'CA1' }],
        ['mute', { callSid: 'CA1', muted: true }],
        ['digitsSent', { callSid: 'CA1', digits: '12#' }],
        ['disconnect', { callSid: 'CA1' }],
    ]);
    page.handle('disconnect'); // no call: nothing to do, nothing said
    assert.equal(page.events().at(-1), 'disconnect');
    assert.equal(page.reports.length, 6);
});

test('a second incoming call while one is on waits; a third is rejected at once, unreported', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const first = new FakeCall({ CallSid: 'CA1', From: '+819059876543', To: 'client:alice' });
    page.device().emit('incoming', first);
    page.handle('accept');
    first.emit('accept');
    const second = new FakeCall({ CallSid: 'CA2', From: '+819012345678', To: 'client:alice' });
    page.device().emit('incoming', second);
    assert.deepEqual(page.last('waiting'), { callSid: 'CA2', from: '+819012345678', to: 'client:alice' });
    assert.equal(page.reports.filter(([event]) => event === 'incoming').length, 1);
    const third = new FakeCall({ CallSid: 'CA3' });
    page.device().emit('incoming', third);
    assert.deepEqual(third.calls, [['reject']]);
    assert.equal(page.events().filter(event => event === 'waiting').length, 1);
});

test('the waiting call is answered while the first holds, muted; when it ends the first is back', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const first = new FakeCall({ CallSid: 'CA1' });
    page.device().emit('incoming', first);
    page.handle('accept');
    first.emit('accept');
    const second = new FakeCall({ CallSid: 'CA2' });
    page.device().emit('incoming', second);
    page.handle('acceptWaiting');
    assert.deepEqual(first.calls.at(-1), ['mute', true]);
    assert.deepEqual(second.calls, [['accept']]);
    second.emit('accept');
    assert.deepEqual(page.last('accept'), { callSid: 'CA2' });
    page.handle('sendDigits', { digits: '5' }); // to the call now on
    assert.deepEqual(second.calls.at(-1), ['sendDigits', '5']);
    second.emit('disconnect');
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA2' });
    assert.deepEqual(first.calls.at(-1), ['mute', false]); // heard again
    page.handle('disconnect');
    assert.deepEqual(first.calls.at(-1), ['disconnect']);
});

test('a waiting call declined, or given up by its caller, ends with its own SID', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const first = new FakeCall({ CallSid: 'CA1' });
    page.device().emit('incoming', first);
    first.emit('accept');
    const second = new FakeCall({ CallSid: 'CA2' });
    page.device().emit('incoming', second);
    page.handle('rejectWaiting');
    assert.deepEqual(second.calls, [['reject']]);
    second.emit('reject');
    assert.deepEqual(page.last('reject'), { callSid: 'CA2' });
    const third = new FakeCall({ CallSid: 'CA3' });
    page.device().emit('incoming', third);
    assert.deepEqual(page.last('waiting').callSid, 'CA3');
    third.emit('cancel');
    assert.deepEqual(page.last('cancel'), { callSid: 'CA3' });
    page.handle('acceptWaiting'); // nothing waits: nothing happens
    assert.deepEqual(first.calls.filter(([method]) => method === 'mute'), []);
});

test('when the call on ends while another waits, the waiting one rings as a call of its own', async () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const first = new FakeCall({ CallSid: 'CA1' });
    page.device().emit('incoming', first);
    first.emit('accept');
    const second = new FakeCall({ CallSid: 'CA2', From: '+819012345678', To: 'client:alice' });
    page.device().emit('incoming', second);
    first.emit('disconnect');
    assert.deepEqual(page.reports.slice(-2), [
        ['disconnect', { callSid: 'CA1' }],
        ['incoming', { callSid: 'CA2', from: '+819012345678', to: 'client:alice' }],
    ]);
    page.handle('accept');
    assert.deepEqual(second.calls, [['accept']]);

    const simulated = await registeredSimulatedPage();
    simulated.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    simulated.handle('accept');
    simulated.handle('simulateIncoming', { callSid: 'CA2', from: '+819012345678', to: '+815031234567' });
    simulated.handle('disconnect');
    assert.deepEqual(simulated.last('incoming'), { callSid: 'CA2', from: '+819012345678', to: '+815031234567' });
});

test('a call that cannot be placed ends in an error and a disconnect', async () => {
    const page = makePage();
    page.handle('start', twilioStart);
    page.device().connectResult = Object.assign(new Error('Token expired'), { code: 20104 });
    page.handle('connect', { to: '+819059876543' });
    await settled();
    assert.deepEqual(page.device().connectOptions, { params: { To: '+819059876543' } });
    assert.deepEqual(page.reports.slice(1), [
        ['outgoing', { callSid: '', to: '+819059876543' }],
        ['error', { code: 20104, message: 'Token expired', callSid: '', call: false }],
        ['disconnect', { callSid: '' }],
    ]);
});

test('a placed call reports ringing with the SID Twilio gave it', async () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const call = new FakeCall({ CallSid: 'CA9' });
    page.device().connectResult = call;
    page.handle('connect', { to: 'client:bob' });
    await settled();
    assert.deepEqual(page.last('ringing'), { callSid: 'CA9' });
    // A call error that closes the call ends it too, once.
    const error = Object.assign(new Error('Busy'), { code: 31486 });
    call.closed = true;
    call.emit('error', error);
    call.emit('error', error);
    assert.deepEqual(page.reports.slice(-2), [
        ['error', { code: 31486, message: 'Busy', callSid: 'CA9', call: true }],
        ['disconnect', { callSid: 'CA9' }],
    ]);
});

test('volume is reported ten times a second at most', () => {
    const page = makePage();
    page.handle('start', twilioStart);
    const call = new FakeCall({ CallSid: 'CA1' });
    page.device().emit('incoming', call);
    for (let step = 0; step < 20; ++step) { // 20 a second, for one second
        call.emit('volume', 0.1, 0.2);
        page.time += 50;
    }
    assert.equal(page.reports.filter(([event]) => event === 'volume').length, 10);
    assert.deepEqual(page.last('volume'), { input: 0.1, output: 0.2 });
});

// ---- the simulated device

const simulatedStart = { backend: 'simulated', identity: 'alice' };

test('the simulated device registers after a turn, and lists at least a default device', async () => {
    const page = makePage();
    page.handle('start', simulatedStart);
    page.handle('register');
    assert.deepEqual(page.events(), ['started', 'registering']);
    page.runTimers();
    await settled();
    assert.deepEqual(page.events(), ['started', 'registering', 'registered', 'audioDevices']);
    assert.deepEqual(page.last('audioDevices'), {
        inputs: [{ id: 'default', label: 'Default' }], outputs: [{ id: 'default', label: 'Default' }],
        input: 'default', speaker: 'default', ringtone: 'default',
    });
});

test('the simulated device lists the browser\'s devices and the one chosen', async () => {
    const devices = [{ kind: 'audioinput', deviceId: 'mic', label: 'Mic' },
                     { kind: 'audiooutput', deviceId: 'spk', label: '' },
                     { kind: 'videoinput', deviceId: 'cam', label: 'Camera' }];
    const page = makePage({ mediaDevices: { enumerateDevices: () => Promise.resolve(devices) } });
    page.handle('start', simulatedStart);
    page.handle('setInputDevice', { id: 'mic' });
    await settled();
    assert.deepEqual(page.last('audioDevices'), {
        inputs: [{ id: 'mic', label: 'Mic' }], outputs: [{ id: 'spk', label: '' }],
        input: 'mic', speaker: 'default', ringtone: 'default',
    });
});

async function registeredSimulatedPage() {
    const page = makePage();
    page.handle('start', simulatedStart);
    page.handle('register');
    page.runTimers();
    await settled();
    page.reports.length = 0;
    return page;
}

test('a simulated incoming call nobody can take is rejected', async () => {
    const unregistered = makePage();
    unregistered.handle('start', simulatedStart);
    unregistered.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    assert.deepEqual(unregistered.last('reject'), { callSid: 'CA1' });

    const busy = await registeredSimulatedPage();
    busy.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    busy.handle('simulateIncoming', { callSid: 'CA2', from: '+819012345678', to: '+815031234567' });
    busy.handle('simulateIncoming', { callSid: 'CA3', from: '+819011112222', to: '+815031234567' });
    assert.deepEqual(busy.events().filter(event => event !== 'warning'), ['incoming', 'waiting', 'reject']);
    assert.deepEqual(busy.last('reject'), { callSid: 'CA3' });
});

test('a simulated waiting call is answered while the first holds, and the first comes back after it', async () => {
    const page = await registeredSimulatedPage();
    page.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    page.handle('accept');
    page.handle('simulateIncoming', { callSid: 'CA2', from: '+819012345678', to: '+815031234567' });
    assert.deepEqual(page.last('waiting'), { callSid: 'CA2', from: '+819012345678', to: '+815031234567' });
    page.handle('acceptWaiting');
    const after = page.reports.filter(([event]) => event === 'mute' || event === 'accept').slice(-2);
    assert.deepEqual(after, [['mute', { callSid: 'CA1', muted: true }], ['accept', { callSid: 'CA2' }]]);
    page.handle('simulateRemoteHangUp', { callSid: 'CA2' });
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA2' });
    assert.deepEqual(page.last('mute'), { callSid: 'CA1', muted: false });
    // The held call's own caller can hang up too: while it holds, that ends it alone.
    page.handle('simulateIncoming', { callSid: 'CA3', from: '+819011112222', to: '+815031234567' });
    page.handle('acceptWaiting');
    page.handle('simulateRemoteHangUp', { callSid: 'CA1' });
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA1' });
    page.handle('disconnect');
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA3' });
    // A waiting call declined, or cancelled, ends alone.
    page.handle('simulateIncoming', { callSid: 'CA4', from: '+819011112222', to: '+815031234567' });
    assert.deepEqual(page.last('incoming'), { callSid: 'CA4', from: '+819011112222', to: '+815031234567' });
    page.handle('accept');
    page.handle('simulateIncoming', { callSid: 'CA5', from: '+819033334444', to: '+815031234567' });
    page.handle('rejectWaiting');
    assert.deepEqual(page.last('reject'), { callSid: 'CA5' });
    page.handle('simulateIncoming', { callSid: 'CA6', from: '+819033334444', to: '+815031234567' });
    page.handle('simulateCancel', { callSid: 'CA6' });
    assert.deepEqual(page.last('cancel'), { callSid: 'CA6' });
});

test('a simulated incoming call rings, is answered, takes tones, and ends by its SID only', async () => {
    const page = await registeredSimulatedPage();
    page.handle('simulateIncoming', { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    assert.deepEqual(page.last('incoming'), { callSid: 'CA1', from: '+819059876543', to: '+815031234567' });
    page.handle('sendDigits', { digits: '1' }); // not answered yet: no tones
    assert.equal(page.last('digitsSent'), undefined);
    page.handle('accept');
    assert.deepEqual(page.last('accept'), { callSid: 'CA1' });
    page.handle('sendDigits', { digits: '1' });
    assert.deepEqual(page.last('digitsSent'), { callSid: 'CA1', digits: '1' });
    page.handle('simulateRemoteHangUp', { callSid: 'CA2' }); // another call's
    assert.equal(page.last('disconnect'), undefined);
    page.handle('simulateRemoteHangUp', { callSid: 'CA1' });
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA1' });
});

test('a simulated outgoing call learns its SID from the simulator', async () => {
    const page = await registeredSimulatedPage();
    page.handle('connect', { to: '+819059876543' });
    page.handle('connect', { to: '+819059876543' });
    assert.deepEqual(page.reports, [
        ['outgoing', { callSid: '', to: '+819059876543' }],
        ['error', { code: 0, message: 'A Call is already active', callSid: '', call: true }],
    ]);
    page.handle('simulateRinging', { callSid: 'CA5' });
    page.handle('simulateRemoteAnswered', { callSid: 'CA6' }); // not this call
    assert.equal(page.last('accept'), undefined);
    page.handle('simulateRemoteAnswered', { callSid: 'CA5' });
    assert.deepEqual(page.last('accept'), { callSid: 'CA5' });
    page.handle('mute', { muted: true });
    assert.deepEqual(page.last('mute'), { callSid: 'CA5', muted: true });
    page.handle('disconnect');
    assert.deepEqual(page.last('disconnect'), { callSid: 'CA5' });
});

test('the simulator\'s errors are reported as the SDK\'s would be', () => {
    const page = makePage();
    page.handle('start', simulatedStart);
    page.handle('simulateError', { code: 31005, message: 'ConnectionError (31005)' });
    page.handle('simulateError', { code: 31486, message: 'BusyHere', callSid: 'CA1' });
    assert.deepEqual(page.reports.slice(1), [
        ['error', { code: 31005, message: 'ConnectionError (31005)', callSid: '', call: false }],
        ['error', { code: 31486, message: 'BusyHere', callSid: 'CA1', call: true }],
    ]);
});
