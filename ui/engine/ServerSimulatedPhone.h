#pragma once

// The phone in team mode when the team's server plays Twilio (`serve --simulate-twilio`, which POST /token
// says): the page runs its simulated device, and this object carries its calls to the server's simulator
// and back, as the Voice SDK's signalling would with Twilio. It asks GET /simulator/events every second while
// it can take a call, with the access token the server issued (never the client's secret), and sends what the
// person does. Calls to the client's number ring here through the server's own webhooks.

#include "core/team/ServerAccount.h"
#include "ui/engine/PhoneBridge.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <chrono>

class QNetworkReply;

namespace Engine {

class ServerSimulatedPhone : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds pollInterval { 1000 };

    // tokens: the team server's tokens (Team::TokenClient). The server's URL comes from account; its
    // secret is not used here.
    ServerSimulatedPhone(PhoneBridge *bridge, const Team::ServerAccount &account,
                         PhoneBridge::TokenProvider tokens);
    ~ServerSimulatedPhone() override;

    // For PhoneBridge::setTwilioBackend: tokens as given, except that a token for the server's simulator
    // switches the phone to it (the bridge never gets that one).
    PhoneBridge::TokenProvider twilioTokens();
    bool isActive() const { return !m_token.isEmpty(); }

Q_SIGNALS:
    // The phone now rings through the server's simulator.
    void activated();

private:
    void start(const Token::IssuedToken &token);
    void renewToken();
    void updatePolling();
    void poll();
    void polled(QNetworkReply *reply);
    void take(const QJsonObject &event);
    void pageReported(const QString &event, const QVariantMap &details);
    // The page's report about the waiting or the held call; false when callSid names neither.
    bool otherCallReported(const QString &event, const QString &callSid);
    void send(const QString &callSid, const QString &action);
    void post(const QString &path, const QJsonObject &body);
    QNetworkRequest request(const QString &pathAndQuery) const;
    void tellPage(const QString &command, const QString &callSid);

    PhoneBridge *m_bridge;
    Team::ServerAccount m_account;
    PhoneBridge::TokenProvider m_tokens;
    QNetworkAccessManager m_network;
    QTimer m_poll;
    QTimer m_renewal;
    QString m_token;
    bool m_polling = false; // a poll is under way
    qint64 m_lastEvent = 0;
    QString m_callSid; // the call the phone rings for or is on
    QString m_waitingSid; // call waiting: a second call ringing while the phone is on m_callSid
    QString m_heldSid; // the call holding while the phone is on the one that waited
    bool m_placing = false; // an outgoing call was asked for; its SID comes with the "placed" event
    bool m_hangUpWhenPlaced = false;
};

} // namespace Engine
