// A stand-in for the Twilio Voice SDK's global (Twilio.Device and its calls), as much of it as softphone.js
// uses: events are Node's EventEmitter, and every method call is written down for the tests to read.
'use strict';

const { EventEmitter } = require('node:events');

class FakeCall extends EventEmitter {
    constructor(parameters) {
        super();
        this.parameters = parameters || {};
        this.calls = []; // [method, ...arguments]
        this.closed = false;
    }

    status() { return this.closed ? 'closed' : 'open'; }
    accept() { this.calls.push(['accept']); }
    reject() { this.calls.push(['reject']); }
    disconnect() { this.calls.push(['disconnect']); }
    mute(muted) { this.calls.push(['mute', muted]); }
    sendDigits(digits) { this.calls.push(['sendDigits', digits]); }
}

// Each test makes its own: Device.made lists the devices made with it.
function makeFakeTwilio() {
    class Device extends EventEmitter {
        constructor(token, options) {
            super();
            this.token = token;
            this.options = options;
            this.state = 'unregistered';
            this.identity = 'alice';
            this.destroyed = false;
            this.audio = null;
            this.connectResult = null; // what connect() gives: a FakeCall, or an Error to reject with
            this.registerFailure = null; // an Error register() rejects with
            Device.made.push(this);
        }

        register() {
            if (this.registerFailure)
                return Promise.reject(this.registerFailure);
            this.state = 'registered';
            this.emit('registered');
            return Promise.resolve();
        }

        unregister() {
            this.state = 'unregistered';
            this.emit('unregistered');
            return Promise.resolve();
        }

        updateToken(token) { this.token = token; }

        connect(options) {
            this.connectOptions = options;
            const result = this.connectResult;
            return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
        }

        destroy() {
            this.destroyed = true;
            this.removeAllListeners();
        }
    }
    Device.made = [];
    Device.version = '2.18.5';
    Device.isSupported = true;
    return { Device: Device };
}

module.exports = { makeFakeTwilio, FakeCall };
