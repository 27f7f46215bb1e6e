#pragma once

// The TwiML verbs and nouns Switchboard writes, as small fluent value types over Node.
// Attributes appear in the order they are set, as with the helper library.

#include "core/twiml/Node.h"

#include <QStringList>

namespace Twiml {

namespace detail {
inline QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
} // namespace detail

// Fluent attribute setters shared by every verb: each returns the derived type.
template<typename Derived> class Element : public Node
{
    // Only Derived builds an Element of its own type: Element<Say> as a base of anything else is a mistake.
    friend Derived;
    explicit Element(const QString &name, const QString &text = {})
        : Node(name)
    {
        setText(text);
    }

protected:
    Derived &set(const QString &name, const QString &value)
    {
        setAttribute(name, value);
        return static_cast<Derived &>(*this);
    }
    Derived &set(const QString &name, int value) { return set(name, QString::number(value)); }
    Derived &set(const QString &name, bool value) { return set(name, detail::boolText(value)); }
    Derived &add(const Node &child)
    {
        append(child);
        return static_cast<Derived &>(*this);
    }
};

class Parameter : public Element<Parameter>
{
public:
    Parameter(const QString &name, const QString &value)
        : Element(QStringLiteral("Parameter"))
    {
        set(QStringLiteral("name"), name);
        set(QStringLiteral("value"), value);
    }
};

// <Client>NAME</Client>, or with identity(): <Client><Identity>NAME</Identity><Parameter .../></Client>.
class Client : public Element<Client>
{
public:
    explicit Client(const QString &name = {})
        : Element(QStringLiteral("Client"), name)
    { }
    Client &identity(const QString &name)
    {
        Node identity(QStringLiteral("Identity"));
        identity.setText(name);
        return add(identity);
    }
    Client &parameter(const QString &name, const QString &value) { return add(Parameter(name, value)); }
    Client &url(const QString &value) { return set(QStringLiteral("url"), value); }
    Client &method(const QString &value) { return set(QStringLiteral("method"), value); }
};

class Number : public Element<Number>
{
public:
    explicit Number(const QString &number)
        : Element(QStringLiteral("Number"), number)
    { }
    Number &sendDigits(const QString &value) { return set(QStringLiteral("sendDigits"), value); }
    Number &statusCallback(const QString &value) { return set(QStringLiteral("statusCallback"), value); }
    Number &statusCallbackEvent(const QStringList &events)
    {
        return set(QStringLiteral("statusCallbackEvent"), events.join(u' '));
    }
    Number &url(const QString &value) { return set(QStringLiteral("url"), value); }
    Number &method(const QString &value) { return set(QStringLiteral("method"), value); }
};

// <Conference>ROOM</Conference>: a named room; the first participant with startConferenceOnEnter starts it.
class Conference : public Element<Conference>
{
public:
    explicit Conference(const QString &name)
        : Element(QStringLiteral("Conference"), name)
    { }
    Conference &beep(bool value) { return set(QStringLiteral("beep"), value); }
    Conference &muted(bool value) { return set(QStringLiteral("muted"), value); }
    Conference &startConferenceOnEnter(bool value)
    {
        return set(QStringLiteral("startConferenceOnEnter"), value);
    }
    Conference &endConferenceOnExit(bool value) { return set(QStringLiteral("endConferenceOnExit"), value); }
    // What a participant hears until the conference starts; empty: silence.
    Conference &waitUrl(const QString &value) { return set(QStringLiteral("waitUrl"), value); }
    Conference &waitMethod(const QString &value) { return set(QStringLiteral("waitMethod"), value); }
    Conference &participantLabel(const QString &value)
    {
        return set(QStringLiteral("participantLabel"), value);
    }
    Conference &statusCallback(const QString &value) { return set(QStringLiteral("statusCallback"), value); }
    // Space-separated: "start end join leave mute hold modify speaker announcement".
    Conference &statusCallbackEvent(const QString &events)
    {
        return set(QStringLiteral("statusCallbackEvent"), events);
    }
};

class Dial : public Element<Dial>
{
public:
    explicit Dial(const QString &number = {})
        : Element(QStringLiteral("Dial"), number)
    { }
    Dial &action(const QString &value) { return set(QStringLiteral("action"), value); }
    Dial &method(const QString &value) { return set(QStringLiteral("method"), value); }
    Dial &timeout(int seconds) { return set(QStringLiteral("timeout"), seconds); }
    Dial &callerId(const QString &value) { return set(QStringLiteral("callerId"), value); }
    Dial &record(const QString &value) { return set(QStringLiteral("record"), value); }
    Dial &answerOnBridge(bool value) { return set(QStringLiteral("answerOnBridge"), value); }
    Dial &ringTone(const QString &value) { return set(QStringLiteral("ringTone"), value); }
    Dial &timeLimit(int seconds) { return set(QStringLiteral("timeLimit"), seconds); }
    Dial &client(const Client &client) { return add(client); }
    Dial &number(const Number &number) { return add(number); }
    Dial &conference(const Conference &conference) { return add(conference); }
};

class Say : public Element<Say>
{
public:
    explicit Say(const QString &text)
        : Element(QStringLiteral("Say"), text)
    { }
    Say &voice(const QString &value) { return set(QStringLiteral("voice"), value); }
    Say &language(const QString &value) { return set(QStringLiteral("language"), value); }
    Say &loop(int count) { return set(QStringLiteral("loop"), count); }
};

class Play : public Element<Play>
{
public:
    explicit Play(const QString &url = {})
        : Element(QStringLiteral("Play"), url)
    { }
    Play &loop(int count) { return set(QStringLiteral("loop"), count); }
    Play &digits(const QString &value) { return set(QStringLiteral("digits"), value); }
};

class Pause : public Element<Pause>
{
public:
    Pause()
        : Element(QStringLiteral("Pause"))
    { }
    Pause &length(int seconds) { return set(QStringLiteral("length"), seconds); }
};

class Record : public Element<Record>
{
public:
    Record()
        : Element(QStringLiteral("Record"))
    { }
    Record &action(const QString &value) { return set(QStringLiteral("action"), value); }
    Record &method(const QString &value) { return set(QStringLiteral("method"), value); }
    Record &timeout(int seconds) { return set(QStringLiteral("timeout"), seconds); }
    Record &maxLength(int seconds) { return set(QStringLiteral("maxLength"), seconds); }
    Record &playBeep(bool value) { return set(QStringLiteral("playBeep"), value); }
    Record &finishOnKey(const QString &keys) { return set(QStringLiteral("finishOnKey"), keys); }
    Record &transcribe(bool value) { return set(QStringLiteral("transcribe"), value); }
    Record &recordingStatusCallback(const QString &url)
    {
        return set(QStringLiteral("recordingStatusCallback"), url);
    }
    // Space-separated: "in-progress completed absent failed".
    Record &recordingStatusCallbackEvent(const QString &events)
    {
        return set(QStringLiteral("recordingStatusCallbackEvent"), events);
    }
    Record &transcribeCallback(const QString &url) { return set(QStringLiteral("transcribeCallback"), url); }
};

class Hangup : public Element<Hangup>
{
public:
    Hangup()
        : Element(QStringLiteral("Hangup"))
    { }
};

class Reject : public Element<Reject>
{
public:
    Reject()
        : Element(QStringLiteral("Reject"))
    { }
    Reject &reason(const QString &value)
    {
        return set(QStringLiteral("reason"), value);
    } // "rejected" or "busy"
};

class Redirect : public Element<Redirect>
{
public:
    explicit Redirect(const QString &url)
        : Element(QStringLiteral("Redirect"), url)
    { }
    Redirect &method(const QString &value) { return set(QStringLiteral("method"), value); }
};

} // namespace Twiml
