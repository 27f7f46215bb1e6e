#include "ui/engine/PhoneBridge.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "ui/engine/EngineLogging.h"
#include "ui/engine/TwilioErrorSentence.h"

#include <QRegularExpression>

namespace Engine {
namespace {

QString text(const QVariantMap &details, const char *name)
{
    return details.value(QLatin1String(name)).toString();
}

// Tokens are secrets: the log shows that one went by, not what it was.
QVariantMap withoutSecrets(QVariantMap arguments)
{
    if (arguments.contains(QStringLiteral("token")))
        arguments.insert(QStringLiteral("token"),
                         QStringLiteral("(%1 characters)")
                             .arg(arguments.value(QStringLiteral("token")).toString().size()));
    return arguments;
}

} // namespace

PhoneBridge::PhoneBridge(QObject *parent)
    : QObject(parent)
{
    m_tokenRenewal.setSingleShot(false);
    connect(&m_tokenRenewal, &QTimer::timeout, this, &PhoneBridge::renewToken);
}

PhoneBridge::~PhoneBridge() = default;

void PhoneBridge::setTwilioBackend(const QString &identity, TokenProvider tokens,
                                   const QStringList &codecPreferences, const QString &edge)
{
    stopDevice();
    m_backend = Backend::Twilio;
    m_identity = identity;
    m_tokens = std::move(tokens);
    m_codecPreferences = codecPreferences;
    m_edge = edge;
}

void PhoneBridge::setSimulatedBackend(const QString &identity)
{
    stopDevice();
    m_backend = Backend::Simulated;
    m_identity = identity;
    m_tokens = nullptr;
}

QString PhoneBridge::errorText() const
{
    return m_state == State::Error ? m_error : QString();
}

void PhoneBridge::issueCommand(const QString &name, const QVariantMap &arguments)
{
    if (!m_pageReady) {
        m_pendingCommands.append({ name, arguments });
        return;
    }
    qCDebug(lcEngine) << "command" << name << withoutSecrets(arguments);
    Q_EMIT commandIssued(name, arguments);
}

void PhoneBridge::pageLoading()
{
    // Commands issued before the first page was ready are for the page that loads now.
    if (m_pageReady)
        forgetPage();
}

void PhoneBridge::pageLost(const QString &why)
{
    m_pendingCommands.clear();
    forgetPage();
    setError(why);
}

void PhoneBridge::forgetPage()
{
    const bool wasReady = m_pageReady;
    m_pageReady = false;
    m_pageInfo.clear();
    m_started = false;
    m_tokenRenewal.stop();
    m_registration = Registration::Unregistered;
    m_held.reset(); // the page's calls are gone, every one
    endCall();
    updateState();
    if (wasReady)
        Q_EMIT pageReadyChanged(false);
}

void PhoneBridge::registerPhone()
{
    if (m_call) {
        qCInfo(lcEngine) << "registerPhone() during a call: the device is left as it is";
        return;
    }
    if (m_backend == Backend::None) {
        setError(tr("The phone has neither a Twilio account nor the simulator to work with: set up the "
                    "Twilio account in the settings."));
        return;
    }
    if (m_started && m_registration != Registration::Unregistered && m_error.isEmpty())
        return; // registered, or on its way
    startDevice();
}

void PhoneBridge::startDevice()
{
    clearError(); // a failure again is said again
    QVariantMap start { { QStringLiteral("identity"), m_identity } };
    if (m_backend == Backend::Twilio) {
        // Registering from here on: a token from the team's server may take a while (it retries an
        // unreachable one). The device starts once the token is in.
        m_registration = Registration::Registering;
        updateState();
        requestToken([this, start](const Token::IssuedToken &token) mutable {
            start.insert(QStringLiteral("backend"), QStringLiteral("twilio"));
            start.insert(QStringLiteral("token"), token.jwt);
            start.insert(QStringLiteral("codecPreferences"), m_codecPreferences);
            if (!m_edge.isEmpty())
                start.insert(QStringLiteral("edge"), m_edge);
            runDevice(start);
        });
        return;
    }
    start.insert(QStringLiteral("backend"), QStringLiteral("simulated"));
    runDevice(start);
}

void PhoneBridge::runDevice(const QVariantMap &start)
{
    m_started = true;
    m_registration = Registration::Registering;
    updateState();
    issueCommand(QStringLiteral("start"), start);
    issueCommand(QStringLiteral("register"));
}

void PhoneBridge::requestToken(std::function<void(const Token::IssuedToken &)> use)
{
    const quint64 request = ++m_tokenRequest;
    if (!m_tokens) {
        setError(tr("Cannot get the phone's access token: there is no token source."));
        return;
    }
    m_tokens([this, request, use = std::move(use)](Result<Token::IssuedToken> token) {
        if (request != m_tokenRequest)
            return; // asked again since, or stopped: this answer is nobody's
        if (!token) {
            if (m_started) {
                // The current token still works for a while: say so, and try again at the next turn.
                qCWarning(lcEngine).noquote() << "cannot renew the access token:" << token.error();
                Q_EMIT errorOccurred(tr("Cannot renew the phone's access token: %1 The phone tries again "
                                        "before the current one expires.")
                                         .arg(token.error()));
            } else {
                m_registration = Registration::Unregistered;
                setError(tr("Cannot get the phone's access token: %1").arg(token.error()));
            }
            return;
        }
        m_tokenRenewal.setInterval(token->renewAfter);
        m_tokenRenewal.start(); // the next renewal counts from this token
        use(*token);
    });
}

void PhoneBridge::stopDevice()
{
    m_tokenRenewal.stop();
    ++m_tokenRequest; // a token on its way is no longer wanted
    if (!m_started && m_registration == Registration::Registering) {
        m_registration = Registration::Unregistered; // it was waiting for that token
        updateState();
    }
    if (!m_started)
        return;
    issueCommand(QStringLiteral("stop"));
    m_started = false;
    m_registration = Registration::Unregistered;
    m_held.reset(); // the device's calls are gone, every one
    endCall();
    clearError();
    updateState();
}

void PhoneBridge::renewToken()
{
    if (m_backend != Backend::Twilio || !m_started)
        return;
    requestToken([this](const Token::IssuedToken &token) {
        issueCommand(QStringLiteral("token"), { { QStringLiteral("token"), token.jwt } });
    });
}

void PhoneBridge::unregisterPhone()
{
    if (!m_started) {
        ++m_tokenRequest; // waiting for a token to start with: not any more
        if (m_registration == Registration::Registering)
            m_registration = Registration::Unregistered;
        clearError();
        updateState();
        return;
    }
    issueCommand(QStringLiteral("unregister"));
}

void PhoneBridge::call(const QString &to)
{
    if (m_call) {
        refuse(tr("Hang up the current call before placing another."));
        return;
    }
    if (!m_started) {
        refuse(tr("The phone is not connected: register it before calling."));
        return;
    }
    QString address;
    const QString trimmed = to.trimmed();
    if (Phone::ClientAddress::hasPrefix(trimmed, Qt::CaseInsensitive)) {
        const QString name = trimmed.mid(Phone::ClientAddress::prefix().size());
        const auto client = Phone::ClientAddress::fromName(name);
        if (!client) {
            refuse(tr("Cannot call '%1': %2").arg(trimmed, Phone::ClientAddress::nameProblem(name)));
            return;
        }
        address = client->toString();
    } else {
        const auto number = Phone::PhoneNumber::parse(trimmed, m_defaultRegion);
        if (!number) {
            refuse(tr("Cannot call '%1': %2").arg(trimmed, number.error()));
            return;
        }
        address = number->e164();
    }
    Call call;
    call.direction = Direction::Outgoing;
    call.remote = address;
    m_call = call;
    Q_EMIT callChanged();
    updateState();
    issueCommand(QStringLiteral("connect"), { { QStringLiteral("to"), address } });
}

void PhoneBridge::setDoNotDisturb(bool on)
{
    if (m_doNotDisturb == on)
        return;
    m_doNotDisturb = on;
    Q_EMIT doNotDisturbChanged(on);
}

void PhoneBridge::accept()
{
    if (m_call && m_call->direction == Direction::Incoming && !m_call->answered)
        issueCommand(QStringLiteral("accept"));
}

void PhoneBridge::reject()
{
    if (m_call && m_call->direction == Direction::Incoming && !m_call->answered)
        issueCommand(QStringLiteral("reject"));
}

void PhoneBridge::hangUp()
{
    if (!m_call)
        return;
    if (m_call->direction == Direction::Incoming && !m_call->answered)
        reject();
    else
        issueCommand(QStringLiteral("disconnect"));
}

void PhoneBridge::acceptWaiting()
{
    if (m_waiting)
        issueCommand(QStringLiteral("acceptWaiting"));
}

void PhoneBridge::rejectWaiting()
{
    if (m_waiting)
        issueCommand(QStringLiteral("rejectWaiting"));
}

void PhoneBridge::ignoreWaiting()
{
    if (!m_waiting || m_waitingIgnored)
        return;
    m_waitingIgnored = true;
    Q_EMIT callChanged();
}

void PhoneBridge::setMuted(bool muted)
{
    if (m_call)
        issueCommand(QStringLiteral("mute"), { { QStringLiteral("muted"), muted } });
}

void PhoneBridge::sendDigits(const QString &digits)
{
    static const QRegularExpression tones(QStringLiteral("^[0-9*#w]+$"));
    if (!tones.match(digits).hasMatch()) {
        refuse(tr("Cannot send '%1' as tones: only the digits 0-9, * and # (and w, a pause) can be sent.")
                   .arg(digits));
        return;
    }
    if (!m_call || !m_call->answered) {
        qCInfo(lcEngine) << "digits" << digits << "not sent: no call is answered";
        return;
    }
    issueCommand(QStringLiteral("sendDigits"), { { QStringLiteral("digits"), digits } });
}

void PhoneBridge::selectInputDevice(const QString &id)
{
    issueCommand(QStringLiteral("setInputDevice"), { { QStringLiteral("id"), id } });
}

void PhoneBridge::selectSpeakerDevice(const QString &id)
{
    issueCommand(QStringLiteral("setSpeakerDevice"), { { QStringLiteral("id"), id } });
}

void PhoneBridge::selectRingtoneDevice(const QString &id)
{
    issueCommand(QStringLiteral("setRingtoneDevice"), { { QStringLiteral("id"), id } });
}

void PhoneBridge::report(const QString &event, const QVariantMap &details)
{
    if (event != QLatin1String("volume"))
        qCDebug(lcEngine) << "page:" << event << details;
    if (event == QLatin1String("pageReady")) {
        takePageReady(details);
    } else if (event == QLatin1String("registering")) {
        m_registration = Registration::Registering;
        clearError();
    } else if (event == QLatin1String("registered")) {
        m_registration = Registration::Registered;
        clearError();
    } else if (event == QLatin1String("unregistered")) {
        m_registration = Registration::Unregistered;
    } else if (event == QLatin1String("tokenWillExpire")) {
        renewToken();
    } else if (takeCallEvent(event, details)) {
    } else if (event == QLatin1String("digitsSent")) {
        Q_EMIT digitsSent(text(details, "digits"));
    } else if (event == QLatin1String("volume")) {
        Q_EMIT volumeChanged(details.value(QStringLiteral("input")).toDouble(),
                             details.value(QStringLiteral("output")).toDouble());
    } else if (event == QLatin1String("audioDevices")) {
        takeAudioDevices(details);
    } else if (event == QLatin1String("error")) {
        takeError(details);
    } else if (event == QLatin1String("warning")) {
        qCInfo(lcEngine) << "page warning:" << details;
    }
    updateState();
    Q_EMIT pageReported(event, details);
}

void PhoneBridge::takePageReady(const QVariantMap &details)
{
    m_pageInfo = details;
    m_pageReady = true;
    const auto pending = std::exchange(m_pendingCommands, {});
    Q_EMIT pageReadyChanged(true);
    for (const auto &[name, arguments] : pending)
        issueCommand(name, arguments);
}

bool PhoneBridge::takeCallEvent(const QString &event, const QVariantMap &details)
{
    if (event == QLatin1String("incoming")) {
        if (m_call) {
            qCWarning(lcEngine) << "incoming call" << details << "while another is on: left to the page";
            return true;
        }
        m_waiting.reset(); // it may be the call that waited, ringing now on its own
        m_waitingIgnored = false;
        if (m_doNotDisturb) {
            // Declined before anything rings; the page's own reject event then finds no call of ours.
            issueCommand(QStringLiteral("reject"));
            Q_EMIT declinedQuietly(text(details, "from"));
            return true;
        }
        const Call call = incomingFrom(details);
        m_call = call;
        Q_EMIT callChanged();
        updateState(); // Ringing before incomingCall(), so that its slots see the call
        Q_EMIT incomingCall(call.remote);
        return true;
    }
    if (event == QLatin1String("waiting")) {
        if (m_doNotDisturb) {
            issueCommand(QStringLiteral("rejectWaiting"));
            Q_EMIT declinedQuietly(text(details, "from"));
        }
        const Call call = incomingFrom(details);
        m_waiting = call;
        m_waitingIgnored = m_doNotDisturb;
        Q_EMIT callChanged();
        if (!m_doNotDisturb)
            Q_EMIT callWaiting(call.remote);
        return true;
    }
    if (event == QLatin1String("outgoing")) {
        if (!m_call) { // a call the page placed by itself: taken in as well
            Call call;
            call.remote = text(details, "to");
            m_call = call;
            Q_EMIT callChanged();
        }
        return true;
    }
    const bool ending = event == QLatin1String("disconnect") || event == QLatin1String("cancel")
        || event == QLatin1String("reject");
    const bool known = ending || event == QLatin1String("ringing") || event == QLatin1String("accept")
        || event == QLatin1String("mute");
    if (!known)
        return false;
    if (takeOtherCallEvent(event, details))
        return true;
    if (!isCurrentCall(details))
        return true;
    if (ending) {
        endCall();
        return true;
    }
    if (m_call->callSid.isEmpty())
        m_call->callSid = text(details, "callSid");
    if (event == QLatin1String("ringing")) {
        m_call->remoteRinging = !m_call->answered;
    } else if (event == QLatin1String("accept")) {
        if (m_call->answered)
            return true;
        m_call->answered = true;
        m_call->remoteRinging = false;
        m_call->answeredAt = QDateTime::currentDateTimeUtc();
    } else {
        m_call->muted = details.value(QStringLiteral("muted")).toBool();
    }
    Q_EMIT callChanged();
    return true;
}

void PhoneBridge::takeError(const QVariantMap &details)
{
    const int code = details.value(QStringLiteral("code")).toInt();
    const QString message = text(details, "message");
    const QString sentence = TwilioErrorSentence::forError(code, message);
    qCWarning(lcEngine).noquote() << "error" << code << message;
    const bool aboutCall = details.value(QStringLiteral("call")).toBool() || m_call;
    if (!aboutCall)
        setError(sentence, code);
    else
        Q_EMIT errorOccurred(sentence);
}

void PhoneBridge::takeAudioDevices(const QVariantMap &details)
{
    const auto list = [&](const char *name) {
        QList<AudioDevice> devices;
        const QVariantList entries = details.value(QLatin1String(name)).toList();
        for (const QVariant &entry : entries) {
            const QVariantMap device = entry.toMap();
            devices.append({ text(device, "id"), text(device, "label") });
        }
        return devices;
    };
    m_inputDevices = list("inputs");
    m_outputDevices = list("outputs");
    m_inputDeviceId = text(details, "input");
    m_speakerDeviceId = text(details, "speaker");
    m_ringtoneDeviceId = text(details, "ringtone");
    Q_EMIT audioDevicesChanged();
}

PhoneBridge::Call PhoneBridge::incomingFrom(const QVariantMap &details)
{
    Call call;
    call.direction = Direction::Incoming;
    call.remote = text(details, "from");
    call.callSid = text(details, "callSid");
    // Twilio's client leg says To=client:NAME; the simulated device passes the number called.
    if (const QString to = text(details, "to"); !Phone::ClientAddress::hasPrefix(to))
        call.line = to;
    return call;
}

bool PhoneBridge::takeOtherCallEvent(const QString &event, const QVariantMap &details)
{
    const QString callSid = text(details, "callSid");
    const bool ending = event == QLatin1String("disconnect") || event == QLatin1String("cancel")
        || event == QLatin1String("reject");
    if (m_waiting && !callSid.isEmpty() && callSid == m_waiting->callSid) {
        if (event == QLatin1String("accept")) {
            // Answered: the call the person was on holds until this one ends.
            m_held = m_call;
            m_call = m_waiting;
            m_call->answered = true;
            m_call->answeredAt = QDateTime::currentDateTimeUtc();
        } else if (!ending) {
            return true;
        }
        m_waiting.reset();
        m_waitingIgnored = false;
        Q_EMIT callChanged();
        updateState();
        return true;
    }
    if (m_held && !callSid.isEmpty() && callSid == m_held->callSid) {
        if (ending)
            m_held.reset();
        else if (event == QLatin1String("mute"))
            m_held->muted = details.value(QStringLiteral("muted")).toBool();
        Q_EMIT callChanged();
        return true;
    }
    return false;
}

bool PhoneBridge::isCurrentCall(const QVariantMap &details) const
{
    if (!m_call)
        return false;
    const QString callSid = text(details, "callSid");
    return callSid.isEmpty() || m_call->callSid.isEmpty() || callSid == m_call->callSid;
}

void PhoneBridge::setError(const QString &sentence, int code)
{
    // The SDK retries, and fails the same way every time: the person hears it once.
    if (sentence == m_error && code == m_errorCode)
        return;
    qCWarning(lcEngine).noquote() << sentence;
    m_error = sentence;
    m_errorCode = code;
    updateState();
    Q_EMIT errorOccurred(sentence);
}

void PhoneBridge::clearError()
{
    m_error.clear();
    m_errorCode = 0;
}

void PhoneBridge::endCall()
{
    if (!m_call)
        return;
    // The call that held comes back. A call still waiting with none held: the page rings it now, as an
    // incoming call of its own.
    m_call = std::exchange(m_held, std::nullopt);
    if (!m_call) {
        m_waiting.reset();
        m_waitingIgnored = false;
    }
    Q_EMIT callChanged();
}

void PhoneBridge::refuse(const QString &sentence)
{
    qCInfo(lcEngine).noquote() << sentence;
    Q_EMIT errorOccurred(sentence);
}

void PhoneBridge::updateState()
{
    State state = State::Offline;
    if (m_call)
        state
            = m_call->direction == Direction::Incoming && !m_call->answered ? State::Ringing : State::InCall;
    else if (!m_error.isEmpty())
        state = State::Error;
    else if (m_registration == Registration::Registered)
        state = State::Ready;
    else if (m_registration == Registration::Registering)
        state = State::Registering;
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Engine
