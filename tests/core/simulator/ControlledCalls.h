#pragma once

// The fixture of call control's end-to-end tests: the real WebhookServer with call control on, and the
// simulator playing Twilio behind it, both its webhooks and its REST API (Calls, Conferences,
// Participants). The seed's number rings the seed's client; alice is a second client, for transfers.

#include "core/routing/PartyLabel.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/ConferenceRoom.h"
#include "core/simulator/SimulatedCallApi.h"
#include "core/store/CallLog.h"
#include "core/store/CallStory.h"
#include "core/store/ClientStore.h"
#include "core/store/ConferenceStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace ControlledCalls {

using Simulator::CallOutcome;
using Simulator::HttpExchange;
using Simulator::SimulatedCall;
using State = Simulator::SimulatedCall::State;

inline const QString publicUrl = QStringLiteral("https://switchboard.example.com");
inline const QString seedNumber = QStringLiteral("+815031234567");
inline const QString seedCaller = QStringLiteral("+819059876543");
inline const QString seedClient = QStringLiteral("DeviceId_0001");

// Rings every client. answers: picks up 10 ms after ringing; else the test answers (rings) when it wants.
class AnsweringDevice : public Simulator::ClientDevice
{
public:
    bool answers = true;
    QPointer<SimulatedCall> rang;
    QList<QPointer<SimulatedCall>> rings;

    void ring(SimulatedCall *call, const QString &) override
    {
        rang = call;
        rings.append(call);
        if (answers)
            QTimer::singleShot(10, call, &SimulatedCall::answer);
    }
};

struct Answer
{
    int status = 0;
    QJsonObject body;
};

class Fixture
{
protected:
    QTemporaryDir m_dir;
    QByteArray m_authToken = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<Simulator::SimulatedCallApi> m_api;
    std::unique_ptr<Server::WebhookServer> m_server;
    AnsweringDevice m_device;
    std::unique_ptr<Simulator::CallSimulator> m_simulator;
    QNetworkAccessManager m_network;

    void start()
    {
        QVERIFY(m_dir.isValid());
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(
            m_dir.filePath(QString("control-%1.sqlite").arg(QRandomGenerator::global()->generate()))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        QVERIFY(clients.add(seedClient, "secret-0001"));
        QVERIFY(clients.add("alice", "secret-alice"));
        QVERIFY(Store::NumberStore(m_database).add("+81-50-3123-4567", seedClient));

        m_api = std::make_shared<Simulator::SimulatedCallApi>(nullptr);
        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = publicUrl;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = m_authToken;
        settings.routing.callControl = true;
        settings.routing.dialTimeout = 10;
        settings.simulatedCalls = m_api;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));

        Simulator::SimulatorSettings simulated;
        simulated.serverUrl = m_server->localUrl();
        simulated.publicBaseUrl = publicUrl;
        simulated.authToken = m_authToken;
        simulated.accountSid = settings.account.accountSid;
        simulated.timeScale = 20;
        simulated.requestTimeoutMs = 5000;
        m_simulator = std::make_unique<Simulator::CallSimulator>(simulated, &m_device);
        m_api->setSimulator(m_simulator.get());
    }

    void stop()
    {
        m_simulator.reset();
        m_server.reset();
        m_api.reset();
        m_database.reset();
        m_device = AnsweringDevice();
    }

    // POSTs /calls/{callSid}/{action} as client, with form (to=..., talkFirst=..., label=...).
    Answer act(const QString &callSid, const QString &action, const QByteArray &client,
               const QByteArray &secret, const QByteArray &form = QByteArray())
    {
        QNetworkRequest request(m_server->localUrl().resolved(QUrl("/calls/" + callSid + "/" + action)));
        request.setRawHeader("Authorization", "Basic " + (client + ':' + secret).toBase64());
        if (!form.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        QNetworkReply *reply = m_network.post(request, form);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return {};
        reply->deleteLater();
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                 QJsonDocument::fromJson(reply->readAll()).object() };
    }

    std::optional<Store::RoomParty> partyOf(const QString &room, const QString &label)
    {
        const auto party = Store::ConferenceStore(m_database).party(room, label);
        return party ? *party : std::nullopt;
    }

    bool partyIs(const QString &room, const QString &label, const QString &state)
    {
        const auto party = partyOf(room, label);
        return party && party->state == state;
    }

    bool heldInStore(const QString &room, const QString &label)
    {
        const auto party = partyOf(room, label);
        return party && party->onHold;
    }

    // An outside caller rings the seed's number; the phone answers once the caller waits in its conference
    // (a person answers long after Twilio put the caller there), and both are joined as the server sees it.
    // Returns the caller's call and the phone's leg.
    QPair<QPointer<SimulatedCall>, QPointer<SimulatedCall>> connectedCall()
    {
        m_device.answers = false;
        SimulatedCall *caller = m_simulator->placeIncoming(seedCaller, seedNumber);
        if (!QTest::qWaitFor([&] { return m_device.rang && caller->room(); }, 10000))
            return {};
        SimulatedCall *phone = m_device.rang;
        phone->answer();
        const QString room = caller->callSid();
        if (!QTest::qWaitFor(
                [&] {
                    return partyIs(room, Routing::PartyLabel::caller(), "joined")
                        && partyIs(room, Routing::PartyLabel::callee(), "joined")
                        && !partyOf(room, Routing::PartyLabel::callee())->conferenceSid.isEmpty();
                },
                10000))
            return {};
        return { caller, phone };
    }
};

} // namespace ControlledCalls
