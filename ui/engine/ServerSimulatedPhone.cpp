#include "ui/engine/ServerSimulatedPhone.h"

#include "core/server/ApiPaths.h"
#include "ui/engine/EngineLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace Engine {
namespace {

QString sidOf(const QVariantMap &details)
{
    return details.value(QStringLiteral("callSid")).toString();
}

} // namespace

ServerSimulatedPhone::ServerSimulatedPhone(PhoneBridge *bridge, const Team::ServerAccount &account,
                                           PhoneBridge::TokenProvider tokens)
    : QObject(bridge)
    , m_bridge(bridge)
    , m_account { account.server, account.client, {} }
    , m_tokens(std::move(tokens))
{
    m_poll.setInterval(pollInterval);
    connect(&m_poll, &QTimer::timeout, this, &ServerSimulatedPhone::poll);
    m_renewal.setSingleShot(true);
    connect(&m_renewal, &QTimer::timeout, this, &ServerSimulatedPhone::renewToken);
    connect(m_bridge, &PhoneBridge::pageReported, this, &ServerSimulatedPhone::pageReported);
    connect(m_bridge, &PhoneBridge::stateChanged, this, &ServerSimulatedPhone::updatePolling);
}

void ServerSimulatedPhone::updatePolling()
{
    // Asking is being signed in: only a phone that can take a call asks, as only a registered Twilio
    // device rings.
    using State = PhoneBridge::State;
    const State state = m_bridge->state();
    const bool online = isActive() && m_bridge->backend() == PhoneBridge::Backend::Simulated
        && (state == State::Ready || state == State::Ringing || state == State::InCall);
    if (online && !m_poll.isActive()) {
        m_poll.start();
        poll();
    } else if (!online) {
        m_poll.stop();
    }
}

ServerSimulatedPhone::~ServerSimulatedPhone() = default;

PhoneBridge::TokenProvider ServerSimulatedPhone::twilioTokens()
{
    return [this](const PhoneBridge::TokenDone &done) {
        m_tokens([this, done](Result<Token::IssuedToken> token) {
            if (!token || !token->forSimulator) {
                done(std::move(token));
                return;
            }
            // Not from inside the bridge's own request: switching backends stops what asked.
            QMetaObject::invokeMethod(
                this, [this, issued = *token] { start(issued); }, Qt::QueuedConnection);
        });
    };
}

void ServerSimulatedPhone::start(const Token::IssuedToken &token)
{
    const bool first = m_token.isEmpty();
    m_token = token.jwt;
    m_renewal.start(std::max(token.renewAfter, std::chrono::milliseconds(pollInterval)));
    if (!first)
        return;
    qCInfo(lcEngine).noquote() << "the team server" << m_account.server.toDisplayString()
                               << "plays Twilio: the phone rings through its simulator";
    m_bridge->setSimulatedBackend(m_account.client);
    m_bridge->registerPhone();
    Q_EMIT activated();
}

void ServerSimulatedPhone::renewToken()
{
    m_tokens([this](Result<Token::IssuedToken> token) {
        if (token)
            start(*token);
        else // the server said why (a disabled client, say); the phone keeps what it has until then
            qCWarning(lcEngine).noquote() << "a new token for the simulator was refused:" << token.error();
    });
}

QNetworkRequest ServerSimulatedPhone::request(const QString &pathAndQuery) const
{
    QNetworkRequest request = m_account.request(pathAndQuery);
    request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    return request;
}

void ServerSimulatedPhone::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    QNetworkReply *reply = m_network.get(
        request(Server::ApiPaths::simulatorEvents() + QStringLiteral("?after=%1").arg(m_lastEvent)));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { polled(reply); });
}

void ServerSimulatedPhone::polled(QNetworkReply *reply)
{
    reply->deleteLater();
    m_polling = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401) {
        qCWarning(lcEngine) << "the simulator refused the phone's token; asking for a new one";
        renewToken();
        return;
    }
    if (status != 200) {
        qCDebug(lcEngine) << "simulator events:" << status << reply->errorString();
        return; // the next poll asks again
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    const QJsonArray events = answer.value(QStringLiteral("events")).toArray();
    for (const auto &value : events) {
        const QJsonObject event = value.toObject();
        const qint64 sequence = event.value(QStringLiteral("sequence")).toInteger();
        if (sequence <= m_lastEvent)
            continue;
        m_lastEvent = sequence;
        take(event);
    }
}

void ServerSimulatedPhone::take(const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QString callSid = event.value(QStringLiteral("callSid")).toString();
    if (type == QLatin1String("incoming")) {
        if (!m_callSid.isEmpty() && m_waitingSid.isEmpty() && m_heldSid.isEmpty()
            && m_bridge->state() == PhoneBridge::State::InCall) {
            // Call waiting: the page offers it beside the call the phone is on.
            m_waitingSid = callSid;
            m_bridge->issueCommand(
                QStringLiteral("simulateIncoming"),
                { { QStringLiteral("callSid"), callSid },
                  { QStringLiteral("from"), event.value(QStringLiteral("from")).toString() },
                  { QStringLiteral("to"), event.value(QStringLiteral("to")).toString() } });
            send(callSid, QStringLiteral("ringing"));
            return;
        }
        if (!m_callSid.isEmpty() || m_placing || m_bridge->state() != PhoneBridge::State::Ready) {
            qCInfo(lcEngine) << "simulated call" << callSid << "declined: the phone is" << m_bridge->state();
            send(callSid, QStringLiteral("reject"));
            return;
        }
        m_callSid = callSid;
        qCInfo(lcEngine).noquote() << "simulated call" << callSid << "from"
                                   << event.value(QStringLiteral("from")).toString() << "rings";
        m_bridge->issueCommand(QStringLiteral("simulateIncoming"),
                               { { QStringLiteral("callSid"), callSid },
                                 { QStringLiteral("from"), event.value(QStringLiteral("from")).toString() },
                                 { QStringLiteral("to"), event.value(QStringLiteral("to")).toString() } });
        send(callSid, QStringLiteral("ringing"));
        return;
    }
    if (type == QLatin1String("placed") && m_placing) {
        m_placing = false;
        m_callSid = callSid;
        if (m_hangUpWhenPlaced) {
            m_hangUpWhenPlaced = false;
            m_callSid.clear();
            send(callSid, QStringLiteral("hangup"));
        }
        return;
    }
    if (!callSid.isEmpty() && (callSid == m_waitingSid || callSid == m_heldSid)) {
        // Its caller gave up, or hung up while it held: over at the server already, so only the page is told.
        if (type == QLatin1String("cancel") || type == QLatin1String("hangup")) {
            (callSid == m_waitingSid ? m_waitingSid : m_heldSid).clear();
            tellPage(QStringLiteral("simulateRemoteHangUp"), callSid);
        }
        return;
    }
    if (callSid != m_callSid || m_callSid.isEmpty())
        return;
    if (type == QLatin1String("cancel")) {
        m_callSid.clear();
        tellPage(QStringLiteral("simulateCancel"), callSid);
    } else if (type == QLatin1String("ringing")) {
        tellPage(QStringLiteral("simulateRinging"), callSid);
    } else if (type == QLatin1String("answered")) {
        tellPage(QStringLiteral("simulateRemoteAnswered"), callSid);
    } else if (type == QLatin1String("hangup")) {
        m_callSid = std::exchange(m_heldSid, QString()); // the page makes the held call the phone's again
        tellPage(QStringLiteral("simulateRemoteHangUp"), callSid);
    }
}

bool ServerSimulatedPhone::otherCallReported(const QString &event, const QString &callSid)
{
    if (!m_waitingSid.isEmpty() && callSid == m_waitingSid) {
        if (event == QLatin1String("accept")) { // answered: the call the phone was on holds
            m_heldSid = m_callSid;
            m_callSid = std::exchange(m_waitingSid, QString());
            send(callSid, QStringLiteral("answer"));
        } else if (event == QLatin1String("incoming")) { // the call it waited beside is over: it rings
            m_callSid = std::exchange(m_waitingSid, QString());
        } else if (event == QLatin1String("reject")) {
            m_waitingSid.clear();
            send(callSid, QStringLiteral("reject"));
        } else if (event == QLatin1String("cancel")) {
            m_waitingSid.clear();
        }
        return true;
    }
    if (!m_heldSid.isEmpty() && callSid == m_heldSid) {
        if (event == QLatin1String("disconnect")) {
            m_heldSid.clear();
            send(callSid, QStringLiteral("hangup"));
        }
        return true;
    }
    return false;
}

void ServerSimulatedPhone::pageReported(const QString &event, const QVariantMap &details)
{
    if (!isActive() || m_bridge->backend() != PhoneBridge::Backend::Simulated)
        return;
    if (event == QLatin1String("outgoing")) {
        if (!m_callSid.isEmpty() || m_placing) {
            qCWarning(lcEngine) << "outgoing call while simulated call" << m_callSid << "is on";
            return;
        }
        m_placing = true;
        post(Server::ApiPaths::simulatorCalls(),
             { { QStringLiteral("to"), details.value(QStringLiteral("to")).toString() } });
        return;
    }
    const QString reported = sidOf(details);
    if (otherCallReported(event, reported))
        return;
    const bool current = !m_callSid.isEmpty() && (reported.isEmpty() || reported == m_callSid);
    if (!current) {
        if (m_placing && (event == QLatin1String("disconnect") || event == QLatin1String("cancel")))
            m_hangUpWhenPlaced = true;
        return;
    }
    const QString callSid = m_callSid;
    if (event == QLatin1String("accept")) {
        send(callSid, QStringLiteral("answer"));
    } else if (event == QLatin1String("reject")) {
        m_callSid.clear();
        send(callSid, QStringLiteral("reject"));
    } else if (event == QLatin1String("disconnect")) {
        m_callSid = std::exchange(m_heldSid, QString()); // the call that held is the phone's again
        send(callSid, QStringLiteral("hangup"));
    } else if (event == QLatin1String("cancel")) {
        m_callSid.clear();
    }
}

void ServerSimulatedPhone::send(const QString &callSid, const QString &action)
{
    post(Server::ApiPaths::simulatorCalls() + u'/' + callSid, { { QStringLiteral("action"), action } });
}

void ServerSimulatedPhone::post(const QString &path, const QJsonObject &body)
{
    QNetworkRequest request = this->request(path);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, path] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status >= 300)
            qCWarning(lcEngine).noquote()
                << "the simulator did not take" << path << ":" << status << reply->readAll().left(300);
    });
}

void ServerSimulatedPhone::tellPage(const QString &command, const QString &callSid)
{
    m_bridge->issueCommand(command, { { QStringLiteral("callSid"), callSid } });
}

} // namespace Engine
