// The page's half of the phone: carries out PhoneBridge's commands with Twilio.Device, or with a simulated
// device that C++ drives, and reports every event back with bridge.report(event, details). It decides
// nothing: error codes and messages go to C++ as they are, and C++ turns them into sentences.
//
// Commands (bridge.commandIssued(name, args)):
//   start {backend: "twilio"|"simulated", identity, token (twilio), codecPreferences (twilio: ["opus",
//          "pcmu"], best first, never empty), edge? (twilio: "tokyo"...; none: Twilio picks), logLevel?}
//          a fresh device
//   stop, register, unregister, token {token}
//   connect {to}, accept, reject, disconnect, mute {muted}, sendDigits {digits}
//   acceptWaiting (the call now on holds, muted, and the waiting one is answered), rejectWaiting
//   setInputDevice {id}, setSpeakerDevice {id}, setRingtoneDevice {id}
//   simulated only: simulateIncoming {callSid, from, to}, simulateRinging {callSid},
//   simulateRemoteAnswered {callSid}, simulateRemoteHangUp {callSid}, simulateCancel {callSid},
//   simulateError {code, message, callSid?}, simulateTokenWillExpire
// Events (bridge.report):
//   pageReady {sdkVersion, isSupported, isSecureContext}, stopped,
//   started {backend, codecPreferences and edge (twilio: as given to Twilio.Device, edge "" for Twilio's pick)}
//   registering, registered, unregistered, tokenWillExpire, tokenUpdated
//   incoming {callSid, from, to}, outgoing {callSid, to}, ringing {callSid}, accept {callSid},
//   waiting {callSid, from, to}  (a second incoming call while one is on: call waiting; its end is a
//                                 cancel or reject with its SID. Once one is answered, the call before
//                                 holds; when the answered one ends, the held one is the call again)
//   disconnect {callSid}, cancel {callSid}, reject {callSid}, mute {callSid, muted},
//   digitsSent {callSid, digits}, volume {input, output}, warning {callSid, name},
//   audioDevices {inputs, outputs, input, speaker, ringtone}  (lists of {id, label})
//   error {code, message, callSid, call}  (call: true when it concerns a call, not the device)
//
// The logic is createSoftphone(environment), which takes whatever it needs from outside (the SDK, the
// browser's devices and clocks, where reports go) so that Node runs it too (tests/resources/web). In the page,
// the end of this file gives it the real ones and connects it to QWebChannel.
'use strict';

(function () {
// environment: {
//   report(event, details)   where the events go (bridge.report in the page)
//   Twilio                   the Voice SDK's global, or undefined when it did not load
//   mediaDevices             navigator.mediaDevices, or undefined
//   AudioContext             the Web Audio constructor, or undefined
//   now()                    milliseconds, as Date.now()
//   setTimeout, setInterval, clearInterval
// }
// Returns {handle(name, args), pageInfo(isSecureContext)}.
function createSoftphone(environment) {
    const Twilio = environment.Twilio;
    const { setTimeout, setInterval, clearInterval } = environment;
    let backend = null;

    function report(event, details) {
        environment.report(event, details || {});
    }

    function reportError(error, callSid, aboutCall) {
        report('error', {
            code: (error && typeof error.code === 'number') ? error.code : 0,
            message: String((error && (error.message || error.name)) || error),
            callSid: callSid || '',
            call: !!aboutCall,
        });
    }

    function deviceList(devices) {
        const list = [];
        devices.forEach(device => list.push({ id: device.deviceId, label: device.label || '' }));
        return list;
    }

    // Volume events come 20 times a second; meters need a few.
    function volumeReporter() {
        let last = 0;
        return (input, output) => {
            const now = environment.now();
            if (now - last < 100)
                return;
            last = now;
            report('volume', { input: input, output: output });
        };
    }

    class TwilioBackend {
        constructor(args) {
            // No default of its own: the settings (Config::AppSettings) hold the one list, and PhoneBridge
            // always sends it.
            if (!Array.isArray(args.codecPreferences) || !args.codecPreferences.length)
                throw new Error('start without codecPreferences: PhoneBridge sends the settings\' list');
            const options = {
                codecPreferences: args.codecPreferences,
                logLevel: args.logLevel || 'warn',
                closeProtection: false,
                allowIncomingWhileBusy: true, // call waiting: a second call is offered, not refused
            };
            if (args.edge)
                options.edge = args.edge;
            // Said back in "started", so the settings can be seen to reach the device.
            this.startedDetails = { codecPreferences: options.codecPreferences, edge: options.edge || '' };
            this.call = null;
            this.waiting = null; // a second incoming call, ringing while this.call is on
            this.held = null; // the call before, muted, while the person is on the one that waited
            this.reported = new WeakSet(); // errors both emitted and thrown are reported once
            this.device = new Twilio.Device(args.token, options);
            const device = this.device;
            device.on('registering', () => report('registering'));
            device.on('registered', () => {
                report('registered', { identity: device.identity || '' });
                this.reportAudioDevices();
            });
            device.on('unregistered', () => report('unregistered'));
            device.on('tokenWillExpire', () => report('tokenWillExpire'));
            device.on('error', (error, call) => this.error(error, call));
            device.on('incoming', call => this.incoming(call));
            if (device.audio)
                device.audio.on('deviceChange', () => this.reportAudioDevices());
        }

        error(error, call) {
            if (error && typeof error === 'object') {
                if (this.reported.has(error))
                    return;
                this.reported.add(error);
            }
            reportError(error, call ? this.sid(call) : '', !!call);
        }

        sid(call) {
            return (call && call.parameters && call.parameters.CallSid) || '';
        }

        watch(call) {
            const onVolume = volumeReporter();
            call.on('ringing', () => report('ringing', { callSid: this.sid(call) }));
            call.on('accept', () => report('accept', { callSid: this.sid(call) }));
            call.on('disconnect', () => this.ended('disconnect', call));
            call.on('cancel', () => this.ended('cancel', call));
            call.on('reject', () => this.ended('reject', call));
            call.on('error', error => {
                this.error(error, call);
                if (call.status() === 'closed')
                    this.ended('disconnect', call);
            });
            call.on('mute', muted => report('mute', { callSid: this.sid(call), muted: !!muted }));
            call.on('volume', onVolume);
            call.on('warning', name => report('warning', { callSid: this.sid(call), name: String(name) }));
        }

        ended(event, call) {
            if (call === this.waiting || call === this.held) {
                if (call === this.waiting)
                    this.waiting = null;
                else
                    this.held = null;
                report(event, { callSid: this.sid(call) });
                return;
            }
            if (this.call !== call)
                return;
            this.call = null;
            report(event, { callSid: this.sid(call) });
            if (this.held) { // the call that held is the phone's call again, heard again
                this.call = this.held;
                this.held = null;
                this.call.mute(false);
            } else if (this.waiting) { // the call that waited rings as a call of its own
                this.call = this.waiting;
                this.waiting = null;
                this.reportIncoming(this.call);
            }
        }

        reportIncoming(call) {
            const parameters = call.parameters || {};
            report('incoming', { callSid: parameters.CallSid || '', from: parameters.From || '',
                                 to: parameters.To || '' });
        }

        incoming(call) {
            const parameters = call.parameters || {};
            const details = { callSid: parameters.CallSid || '', from: parameters.From || '',
                              to: parameters.To || '' };
            if (this.call) {
                if (this.waiting || this.held) { // one call waits, or holds, already: this one is busy
                    call.reject();
                    return;
                }
                this.waiting = call;
                this.watch(call);
                report('waiting', details);
                return;
            }
            this.call = call;
            this.watch(call);
            this.reportIncoming(call);
        }

        acceptWaiting() {
            const waiting = this.waiting;
            if (!waiting)
                return;
            this.waiting = null;
            if (this.call) {
                this.held = this.call;
                this.held.mute(true);
            }
            this.call = waiting;
            waiting.accept();
        }

        rejectWaiting() { if (this.waiting) this.waiting.reject(); }

        reportAudioDevices() {
            const audio = this.device.audio;
            if (!audio)
                return;
            const first = collection => {
                const devices = collection ? Array.from(collection.get()) : [];
                return devices.length ? devices[0].deviceId : '';
            };
            report('audioDevices', {
                inputs: deviceList(audio.availableInputDevices),
                outputs: deviceList(audio.availableOutputDevices),
                input: audio.inputDevice ? audio.inputDevice.deviceId : '',
                speaker: first(audio.speakerDevices),
                ringtone: first(audio.ringtoneDevices),
            });
        }

        stop() {
            const device = this.device;
            this.call = null;
            this.waiting = null;
            this.held = null;
            device.destroy(); // removes every listener: nothing more is reported from it
        }

        register() {
            if (this.device.state === 'registered') {
                report('registered', { identity: this.device.identity || '' });
                return;
            }
            this.device.register().catch(error => this.error(error, null));
        }

        unregister() {
            if (this.device.state !== 'registered') {
                report('unregistered');
                return;
            }
            this.device.unregister().catch(error => this.error(error, null));
        }

        token(args) {
            this.device.updateToken(args.token);
            report('tokenUpdated');
        }

        connect(args) {
            report('outgoing', { callSid: '', to: args.to });
            this.device.connect({ params: { To: args.to } }).then(call => {
                this.call = call;
                this.watch(call);
                const sid = this.sid(call);
                if (sid)
                    report('ringing', { callSid: sid });
            }).catch(error => {
                this.error(error, null);
                report('disconnect', { callSid: '' }); // every connect ends in a call or a disconnect
            });
        }

        accept() { if (this.call) this.call.accept(); }
        reject() { if (this.call) this.call.reject(); }
        disconnect() { if (this.call) this.call.disconnect(); }
        mute(args) { if (this.call) this.call.mute(!!args.muted); }

        sendDigits(args) {
            if (!this.call)
                return;
            this.call.sendDigits(args.digits);
            report('digitsSent', { callSid: this.sid(this.call), digits: args.digits });
        }

        setInputDevice(args) {
            this.device.audio.setInputDevice(args.id).then(() => this.reportAudioDevices(),
                                                           error => this.error(error, null));
        }

        setSpeakerDevice(args) {
            this.device.audio.speakerDevices.set(args.id).then(() => this.reportAudioDevices(),
                                                               error => this.error(error, null));
        }

        setRingtoneDevice(args) {
            this.device.audio.ringtoneDevices.set(args.id).then(() => this.reportAudioDevices(),
                                                                error => this.error(error, null));
        }
    }

    // No network: C++ (SimulatedPhone, driven by core/simulator) plays Twilio's part with the simulate*
    // commands, and this answers the person's commands with the events Twilio.Device would give.
    class SimulatedBackend {
        constructor(args) {
            this.identity = args.identity || '';
            this.registered = false;
            this.call = null; // {callSid, direction, open, muted}
            this.waiting = null; // a second incoming call while this.call is on: {callSid, ...}
            this.held = null; // the call before, while the person is on the one that waited
            this.selected = { input: 'default', speaker: 'default', ringtone: 'default' };
            this.volumeTimer = null;
            this.ringtone = null;
        }

        matches(callSid) {
            return this.call && (!callSid || !this.call.callSid || this.call.callSid === callSid);
        }

        end(event, callSid) {
            const sid = this.call ? (this.call.callSid || callSid || '') : callSid || '';
            this.call = null;
            this.stopRinging();
            clearInterval(this.volumeTimer);
            this.volumeTimer = null;
            report(event, { callSid: sid });
            if (this.held) { // the call that held is the phone's call again, heard again
                this.call = this.held;
                this.held = null;
                this.startLevels();
                this.mute({ muted: false });
            } else if (this.waiting) { // the call that waited rings as a call of its own
                this.call = this.waiting;
                this.waiting = null;
                this.startRinging();
                report('incoming', { callSid: this.call.callSid, from: this.call.from, to: this.call.to });
            }
        }

        // The waiting or the held call, when callSid names one: it ends with event.
        endOther(event, callSid) {
            for (const slot of ['waiting', 'held']) {
                if (this[slot] && callSid && this[slot].callSid === callSid) {
                    this[slot] = null;
                    report(event, { callSid: callSid });
                    return true;
                }
            }
            return false;
        }

        open() {
            this.call.open = true;
            this.stopRinging();
            report('accept', { callSid: this.call.callSid });
            this.startLevels();
        }

        startLevels() {
            clearInterval(this.volumeTimer);
            // Levels for the meters: the far end talks, and so does the person unless muted.
            this.volumeTimer = setInterval(() => {
                if (!this.call)
                    return;
                const input = this.call.muted ? 0 : Math.random() * 0.3;
                report('volume', { input: input, output: Math.random() * 0.3 });
            }, 200);
        }

        startRinging() {
            try {
                const context = new environment.AudioContext();
                const tone = context.createOscillator();
                const gain = context.createGain();
                tone.frequency.value = 440;
                // A phone's cadence: one second on, two off, for longer than any Dial rings.
                for (let ring = 0; ring < 100; ++ring) {
                    gain.gain.setValueAtTime(0.05, context.currentTime + ring * 3);
                    gain.gain.setValueAtTime(0, context.currentTime + ring * 3 + 1);
                }
                tone.connect(gain).connect(context.destination);
                tone.start();
                this.ringtone = context;
            } catch (error) {
                report('warning', { callSid: this.call ? this.call.callSid : '', name: 'ringtone: ' + error });
            }
        }

        stopRinging() {
            if (this.ringtone)
                this.ringtone.close().catch(() => {});
            this.ringtone = null;
        }

        reportAudioDevices() {
            const fallback = [{ deviceId: 'default', label: 'Default' }];
            const send = devices => {
                const inputs = devices.filter(device => device.kind === 'audioinput');
                const outputs = devices.filter(device => device.kind === 'audiooutput');
                report('audioDevices', {
                    inputs: deviceList(inputs.length ? inputs : fallback),
                    outputs: deviceList(outputs.length ? outputs : fallback),
                    input: this.selected.input,
                    speaker: this.selected.speaker,
                    ringtone: this.selected.ringtone,
                });
            };
            const mediaDevices = environment.mediaDevices;
            if (mediaDevices && mediaDevices.enumerateDevices)
                mediaDevices.enumerateDevices().then(send, () => send([]));
            else
                send([]);
        }

        stop() {
            this.waiting = null;
            this.held = null;
            if (this.call)
                this.end('disconnect', '');
            this.registered = false;
        }

        register() {
            report('registering');
            setTimeout(() => {
                this.registered = true;
                report('registered', { identity: this.identity });
                this.reportAudioDevices();
            }, 0);
        }

        unregister() {
            this.registered = false;
            report('unregistered');
        }

        token() { report('tokenUpdated'); }

        connect(args) {
            if (this.call) {
                reportError({ code: 0, message: 'A Call is already active' }, '', true);
                return;
            }
            this.call = { callSid: '', direction: 'outgoing', open: false, muted: false };
            report('outgoing', { callSid: '', to: args.to });
        }

        accept() {
            if (this.call && this.call.direction === 'incoming' && !this.call.open)
                this.open();
        }

        reject() {
            if (this.call && this.call.direction === 'incoming' && !this.call.open)
                this.end('reject', '');
        }

        disconnect() {
            if (this.call)
                this.end('disconnect', '');
        }

        mute(args) {
            if (!this.call)
                return;
            this.call.muted = !!args.muted;
            report('mute', { callSid: this.call.callSid, muted: this.call.muted });
        }

        sendDigits(args) {
            if (this.call && this.call.open)
                report('digitsSent', { callSid: this.call.callSid, digits: args.digits });
        }

        setInputDevice(args) { this.selected.input = args.id; this.reportAudioDevices(); }
        setSpeakerDevice(args) { this.selected.speaker = args.id; this.reportAudioDevices(); }
        setRingtoneDevice(args) { this.selected.ringtone = args.id; this.reportAudioDevices(); }

        acceptWaiting() {
            const waiting = this.waiting;
            if (!waiting)
                return;
            this.waiting = null;
            if (this.call) {
                this.mute({ muted: true });
                this.held = this.call;
            }
            this.call = waiting;
            this.open();
        }

        rejectWaiting() {
            if (this.waiting)
                this.endOther('reject', this.waiting.callSid);
        }

        simulateIncoming(args) {
            if (this.registered && this.call && !this.waiting && !this.held) { // call waiting
                this.waiting = { callSid: args.callSid, direction: 'incoming', open: false, muted: false,
                                 from: args.from, to: args.to };
                report('waiting', { callSid: args.callSid, from: args.from, to: args.to });
                return;
            }
            if (this.call || !this.registered) { // busy, or nobody to ring
                report('reject', { callSid: args.callSid });
                return;
            }
            this.call = { callSid: args.callSid, direction: 'incoming', open: false, muted: false };
            this.startRinging();
            report('incoming', { callSid: args.callSid, from: args.from, to: args.to });
        }

        simulateRinging(args) {
            if (this.call && this.call.direction === 'outgoing' && this.matches(args.callSid)) {
                this.call.callSid = args.callSid;
                report('ringing', { callSid: args.callSid });
            }
        }

        simulateRemoteAnswered(args) {
            if (this.call && this.call.direction === 'outgoing' && !this.call.open && this.matches(args.callSid)) {
                this.call.callSid = args.callSid || this.call.callSid;
                this.open();
            }
        }

        simulateRemoteHangUp(args) {
            if (this.endOther(this.waiting && this.waiting.callSid === args.callSid ? 'cancel' : 'disconnect',
                              args.callSid))
                return;
            if (this.matches(args.callSid))
                this.end('disconnect', args.callSid);
        }

        simulateCancel(args) {
            if (this.waiting && this.waiting.callSid === args.callSid) {
                this.endOther('cancel', args.callSid);
                return;
            }
            if (this.matches(args.callSid) && this.call.direction === 'incoming' && !this.call.open)
                this.end('cancel', args.callSid);
        }

        simulateError(args) {
            reportError({ code: args.code, message: args.message }, args.callSid || '', !!args.callSid);
        }

        simulateTokenWillExpire() { report('tokenWillExpire'); }
    }

    const commonCommands = ['register', 'unregister', 'token', 'connect', 'accept', 'reject', 'disconnect',
                            'mute', 'sendDigits', 'setInputDevice', 'setSpeakerDevice', 'setRingtoneDevice',
                            'acceptWaiting', 'rejectWaiting'];
    const simulatedCommands = ['simulateIncoming', 'simulateRinging', 'simulateRemoteAnswered',
                               'simulateRemoteHangUp', 'simulateCancel', 'simulateError',
                               'simulateTokenWillExpire'];

    function start(args) {
        stop();
        if (args.backend === 'twilio') {
            if (!Twilio || !Twilio.Device)
                throw new Error('the Twilio Voice SDK did not load');
            backend = new TwilioBackend(args);
        } else if (args.backend === 'simulated') {
            backend = new SimulatedBackend(args);
        } else {
            throw new Error('unknown back end "' + args.backend + '"');
        }
        report('started', Object.assign({ backend: args.backend }, backend.startedDetails || {}));
    }

    function stop() {
        if (!backend)
            return;
        const stopping = backend;
        backend = null;
        stopping.stop();
        report('stopped');
    }

    function handle(name, args) {
        try {
            if (name === 'start')
                return start(args);
            if (name === 'stop')
                return stop();
            const known = commonCommands.includes(name)
                || (simulatedCommands.includes(name) && backend instanceof SimulatedBackend);
            if (!known)
                throw new Error('unknown command "' + name + '"');
            if (!backend)
                throw new Error('command "' + name + '" before start');
            backend[name](args);
        } catch (error) {
            reportError(error, '', false);
        }
    }

    function pageInfo(isSecureContext) {
        const sdk = Twilio && Twilio.Device;
        return {
            sdkVersion: sdk ? String(sdk.version) : '',
            isSupported: sdk ? !!sdk.isSupported : false,
            isSecureContext: !!isSecureContext,
        };
    }

    return { handle: handle, pageInfo: pageInfo };
}

// In Node (the unit tests), the logic alone.
if (typeof module === 'object' && module.exports) {
    module.exports = { createSoftphone: createSoftphone };
    return;
}

// In the page: the real SDK, devices and clocks, and the channel to PhoneBridge.
let bridge = null;
const softphone = createSoftphone({
    report: (event, details) => {
        if (bridge)
            bridge.report(event, details);
    },
    Twilio: typeof Twilio !== 'undefined' ? Twilio : undefined,
    mediaDevices: navigator.mediaDevices,
    AudioContext: typeof AudioContext !== 'undefined' ? AudioContext : undefined,
    now: () => Date.now(),
    setTimeout: (callback, delay) => window.setTimeout(callback, delay),
    setInterval: (callback, delay) => window.setInterval(callback, delay),
    clearInterval: timer => window.clearInterval(timer),
});

new QWebChannel(qt.webChannelTransport, channel => {
    bridge = channel.objects.bridge;
    bridge.commandIssued.connect((name, args) => softphone.handle(name, args || {}));
    bridge.report('pageReady', softphone.pageInfo(window.isSecureContext));
});
})();
