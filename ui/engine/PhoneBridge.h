#pragma once

// The one door between the widgets and the page that hosts the Twilio Voice SDK: typed slots and signals
// for the widgets; for the page, one command signal and one report method, which reach it through
// PageEndpoint (the page never sees this object, so it cannot call the slots). It keeps the phone's state
// from what the page reports, so the widgets never see JavaScript.

#include "core/common/Result.h"
#include "core/phone/DefaultRegion.h"
#include "core/token/IssuedToken.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <optional>

namespace Engine {

class PhoneBridge : public QObject
{
    Q_OBJECT

public:
    // Ringing: an incoming call waits for the person. An outgoing call is InCall from the start, with
    // answered false until the far end picks up.
    enum class State { Offline, Registering, Ready, Ringing, InCall, Error };
    Q_ENUM(State)
    enum class Direction { Incoming, Outgoing };
    Q_ENUM(Direction)
    enum class Backend { None, Twilio, Simulated };
    Q_ENUM(Backend)

    struct Call
    {
        Direction direction = Direction::Outgoing;
        QString remote; // "+E164" or "client:NAME"
        QString callSid; // empty until Twilio (or the simulator) names the call
        bool answered = false;
        bool muted = false;
        QDateTime answeredAt;
        bool remoteRinging = false; // outgoing: the far end's phone rings
        QString line; // incoming: which of our numbers was called, when the call says (not client:NAME)
    };
    struct AudioDevice
    {
        QString id;
        QString label;
        bool operator==(const AudioDevice &other) const { return id == other.id && label == other.label; }
    };

    // Asks for an access token and hands it to done, at once or later, in this object's thread: made
    // in-process (TokenSource) or fetched from the team's server (Team::TokenClient). A failure is a
    // sentence that says what to fix.
    using TokenDone = std::function<void(Result<Token::IssuedToken>)>;
    using TokenProvider = std::function<void(TokenDone done)>;

    explicit PhoneBridge(QObject *parent = nullptr);
    ~PhoneBridge() override;

    // Which device the page runs, from the next registerPhone() on (a running one is stopped first).
    // Twilio: tokens come from tokens, renewed when each one says (IssuedToken::renewAfter) and on
    // tokenWillExpire. codecPreferences ("opus", "pcmu", best first) and edge (empty: Twilio picks) go to
    // Twilio.Device as they are: Config::AppSettings checks them and holds their defaults (the page has
    // none of its own).
    void setTwilioBackend(const QString &identity, TokenProvider tokens, const QStringList &codecPreferences,
                          const QString &edge = QString());
    // Simulated: no network; SimulatedPhone plays Twilio's part through the app's own webhook server.
    void setSimulatedBackend(const QString &identity);
    Backend backend() const { return m_backend; }
    // The client name the phone registers as.
    QString identity() const { return m_identity; }
    // Numbers dialled without a country code are read in this region (ISO 3166 code).
    void setDefaultRegion(const QString &region) { m_defaultRegion = region; }

    State state() const { return m_state; }
    std::optional<Call> currentCall() const { return m_call; }
    // Call waiting: a second incoming call ringing while the person is on currentCall(), unless ignored.
    std::optional<Call> waitingCall() const { return m_waiting; }
    bool isWaitingIgnored() const { return m_waitingIgnored; }
    // The call before, holding (muted) while the person is on the one that waited; it is the current call
    // again once that one ends.
    std::optional<Call> heldCall() const { return m_held; }
    // The sentence for the Error state (empty in any other state), and its Twilio code (0: none or not
    // Twilio).
    QString errorText() const;
    int errorCode() const { return m_errorCode; }

    QList<AudioDevice> inputDevices() const { return m_inputDevices; }
    QList<AudioDevice> outputDevices() const { return m_outputDevices; }
    QString inputDeviceId() const { return m_inputDeviceId; }
    QString speakerDeviceId() const { return m_speakerDeviceId; }
    QString ringtoneDeviceId() const { return m_ringtoneDeviceId; }

    // What the page said when it loaded (sdkVersion, isSupported, isSecureContext); empty until then.
    QVariantMap pageInfo() const { return m_pageInfo; }
    bool isPageReady() const { return m_pageReady; }
    // Do not disturb: incoming calls are declined as they arrive (the caller reaches voicemail), without
    // a prompt; only declinedQuietly() tells of them.
    bool doNotDisturb() const { return m_doNotDisturb; }

    // Sends a command to the page; held while the page is not ready. For SimulatedPhone and tests:
    // widgets use the slots.
    void issueCommand(const QString &name, const QVariantMap &arguments = {});
    // From SoftphoneEngine: the page (re)loads, so commands wait for it again and whatever ran is gone;
    // or the page was lost (why: a sentence), which is an error until the next registerPhone().
    void pageLoading();
    void pageLost(const QString &why);

public Q_SLOTS:
    void registerPhone();
    void setDoNotDisturb(bool on);
    void unregisterPhone();
    // A number in any usual form (read with Phone::PhoneNumber) or client:NAME.
    void call(const QString &to);
    void accept();
    void reject();
    void hangUp(); // rejects a ringing call
    // Call waiting: answers the waiting call, the current one holding (muted) until it ends; the server
    // should have held the current call's other side first (call control). Declines it (the caller
    // reaches voicemail), or lets it ring out unanswered without being shown.
    void acceptWaiting();
    void rejectWaiting();
    void ignoreWaiting();
    void setMuted(bool muted);
    void sendDigits(const QString &digits); // [0-9*#w] only; w pauses
    void selectInputDevice(const QString &id);
    void selectSpeakerDevice(const QString &id);
    void selectRingtoneDevice(const QString &id);

Q_SIGNALS:
    void stateChanged(Engine::PhoneBridge::State state);
    void
    callChanged(); // currentCall(), waitingCall() or heldCall() changed (started, answered, muted, ended)
    void callWaiting(const QString &from); // a second call rings while one is on
    void incomingCall(const QString &from);
    void declinedQuietly(const QString &from); // a call that rang while do not disturb was on
    void doNotDisturbChanged(bool on);
    void errorOccurred(const QString &sentence); // a sentence a person can act on
    void audioDevicesChanged();
    void volumeChanged(double input, double output);
    void digitsSent(const QString &digits); // the page sent them as tones
    void pageReadyChanged(bool ready);
    // Every report from the page, after the bridge has taken it in (SimulatedPhone follows the calls here).
    void pageReported(const QString &event, const QVariantMap &details);
    // The page's side, carried by PageEndpoint (not for widgets):
    void commandIssued(const QString &name, const QVariantMap &arguments);

public:
    void report(const QString &event, const QVariantMap &details); // from the page, through PageEndpoint

private:
    enum class Registration { Unregistered, Registering, Registered };

    void forgetPage();
    void startDevice();
    // Starts the page's device with start's arguments.
    void runDevice(const QVariantMap &start);
    // Asks m_tokens for a token and, if it comes and is still wanted, sets the renewal timer and hands it
    // to use. A failure is an error before the device runs, and a warning once it does.
    void requestToken(std::function<void(const Token::IssuedToken &)> use);
    void renewToken();
    void stopDevice();
    void takePageReady(const QVariantMap &details);
    bool takeCallEvent(const QString &event, const QVariantMap &details); // false: not about a call
    void takeError(const QVariantMap &details);
    void takeAudioDevices(const QVariantMap &details);
    bool isCurrentCall(const QVariantMap &details) const;
    // An incoming or waiting call as the page reports it.
    static Call incomingFrom(const QVariantMap &details);
    // Events about the waiting or the held call; false when details name neither.
    bool takeOtherCallEvent(const QString &event, const QVariantMap &details);
    void setError(const QString &sentence, int code = 0);
    void clearError();
    void endCall();
    void updateState();
    void refuse(const QString &sentence);

    Backend m_backend = Backend::None;
    QString m_identity;
    TokenProvider m_tokens;
    quint64 m_tokenRequest = 0; // counts requests: an answer to one that is not the latest is dropped
    QStringList m_codecPreferences;
    QString m_edge;
    QTimer m_tokenRenewal;
    QString m_defaultRegion = Phone::defaultRegion();

    bool m_pageReady = false;
    bool m_doNotDisturb = false;
    QVariantMap m_pageInfo;
    QList<QPair<QString, QVariantMap>> m_pendingCommands;

    bool m_started = false; // the page runs a device
    Registration m_registration = Registration::Unregistered;
    QString m_error;
    int m_errorCode = 0;
    std::optional<Call> m_call;
    std::optional<Call> m_waiting;
    bool m_waitingIgnored = false;
    std::optional<Call> m_held;
    State m_state = State::Offline;

    QList<AudioDevice> m_inputDevices;
    QList<AudioDevice> m_outputDevices;
    QString m_inputDeviceId;
    QString m_speakerDeviceId;
    QString m_ringtoneDeviceId;
};

} // namespace Engine

Q_DECLARE_METATYPE(Engine::PhoneBridge::Call)
