#include "core/routing/CallRouter.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"

#include <QTemporaryDir>
#include <QTest>

using Webhook::FormParameters;

namespace {

const QString xmlHead = R"(<?xml version="1.0" encoding="UTF-8"?>)";

QString refusalXml(const QString &text)
{
    return xmlHead + R"(<Response><Say language="en-US">)" + text + "</Say><Hangup/></Response>";
}

} // namespace

class TestCallRouter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Store::ClientStore> m_clients;
    std::unique_ptr<Store::NumberStore> m_numbers;
    std::unique_ptr<Routing::CallRouter> m_router;
    Routing::RoutingSettings m_settings;

    void makeRouter()
    {
        m_router = std::make_unique<Routing::CallRouter>(*m_numbers, *m_clients, m_settings);
    }

private Q_SLOTS:
    // The stores are filled once (hashing secrets takes time); each test only changes the settings.
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto location = Store::DatabaseLocation::parse(m_dir.filePath(QString("router.sqlite")));
        QVERIFY(location);
        auto database = Store::Database::open(*location);
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        m_clients = std::make_unique<Store::ClientStore>(m_database);
        m_numbers = std::make_unique<Store::NumberStore>(m_database);
        // The seed's setup, plus a second client, a disabled number and a disabled client.
        QVERIFY(m_clients->add("DeviceId_0001", "secret-0001"));
        QVERIFY(m_clients->add("alice", "secret-alice"));
        QVERIFY(m_clients->add("gone", "secret-gone"));
        QVERIFY(m_clients->add("lonely", "secret-lonely"));
        QVERIFY(m_numbers->add("050-3123-4567", "DeviceId_0001", "seed"));
        QVERIFY(m_numbers->add("+1 415 555 0100", "alice"));
        QVERIFY(m_numbers->add("+81 3 1234 5678", "alice"));
        QVERIFY(m_numbers->setEnabled("+81312345678", false));
        QVERIFY(m_numbers->add("+81 6 1234 5678", "gone"));
        QVERIFY(m_clients->setDisabled("gone", true));
    }

    void init()
    {
        m_settings = Routing::RoutingSettings();
        makeRouter();
    }

    void cleanupTestCase()
    {
        m_router.reset();
        m_numbers.reset();
        m_clients.reset();
        m_database.reset();
    }

    void incomingRingsTheMappedClient()
    {
        // The seed's incoming call: +819059876543 calls +815031234567.
        const FormParameters parameters { { "CallSid", "CA86" },         { "Called", "+815031234567" },
                                          { "Caller", "+819059876543" }, { "CallStatus", "ringing" },
                                          { "Direction", "inbound" },    { "From", "+819059876543" },
                                          { "To", "+815031234567" } };
        const auto decision = m_router->incoming(parameters);
        QCOMPARE(
            decision.response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="60" action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial></Response>)");
        QCOMPARE(decision.clientName, QString("DeviceId_0001"));
        QCOMPARE(decision.to, QString("+815031234567"));
        QCOMPARE(decision.outcome, QString("ring client:DeviceId_0001"));
    }

    // Call control: the caller waits in a conference named by its CallSid, and the router says whom the
    // server must call in; the refusals are the same as without it.
    void callControlPutsEachCallInAConferenceOfItsOwn()
    {
        m_settings.callControl = true;
        makeRouter();
        const QString conference
            = R"(<Response><Dial><Conference beep="false" startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="/voice/wait" participantLabel="caller" statusCallback="/voice/conference" statusCallbackEvent="start end join leave hold">%1</Conference></Dial></Response>)";

        const auto incoming = m_router->incoming(
            { { "CallSid", "CA86" }, { "From", "+819059876543" }, { "To", "+815031234567" } });
        QCOMPARE(incoming.response.toXml(), xmlHead + conference.arg("CA86"));
        QVERIFY(incoming.party);
        QCOMPARE(incoming.party->room, QString("CA86"));
        QCOMPARE(incoming.party->to, QString("client:DeviceId_0001"));
        QCOMPARE(incoming.party->from, QString("+819059876543"));
        QCOMPARE(incoming.party->label, QString("callee"));
        QCOMPARE(incoming.party->clientName, QString("DeviceId_0001"));
        QCOMPARE(incoming.party->timeoutSeconds, m_settings.dialTimeout);
        QCOMPARE(incoming.clientName, QString("DeviceId_0001"));

        const auto outgoing = m_router->outgoing(
            { { "CallSid", "CA06" }, { "From", "client:DeviceId_0001" }, { "To", "090-5987-6543" } });
        QCOMPARE(outgoing.response.toXml(), xmlHead + conference.arg("CA06"));
        QVERIFY(outgoing.party);
        QCOMPARE(outgoing.party->to, QString("+819059876543"));
        QCOMPARE(outgoing.party->from, QString("+815031234567"));
        QVERIFY(outgoing.party->clientName.isEmpty());
        QCOMPARE(outgoing.clientName, QString("DeviceId_0001"));

        const auto internal = m_router->outgoing(
            { { "CallSid", "CA07" }, { "From", "client:DeviceId_0001" }, { "To", "client:alice" } });
        QCOMPARE(internal.party->to, QString("client:alice"));
        QCOMPARE(internal.party->clientName, QString("alice"));
        QCOMPARE(internal.party->from, QString("+815031234567"));

        // The guard still refuses before anyone is called.
        const auto premium = m_router->outgoing(
            { { "CallSid", "CA08" }, { "From", "client:DeviceId_0001" }, { "To", "+81990123456" } });
        QVERIFY(premium.refused);
        QVERIFY(!premium.party);
        const auto unmapped = m_router->incoming({ { "CallSid", "CA09" }, { "To", "+815099999999" } });
        QVERIFY(unmapped.refused);
        QVERIFY(!unmapped.party);

        // The caller hears ringing while it waits.
        QCOMPARE(m_router->waiting().toXml(),
                 xmlHead + R"(<Response><Play loop="0">/media/ringback.wav</Play></Response>)");
        // A held party hears the message, then it again after a pause.
        QCOMPARE(m_router->hold().toXml(),
                 xmlHead + R"(<Response><Say language="en-US">)" + m_settings.holdMessage
                     + R"(</Say><Pause length="30"/><Redirect method="POST"/></Response>)");
    }

    void incomingAcceptsTheCalledNumberInOtherForms_data()
    {
        QTest::addColumn<QString>("to");
        QTest::newRow("E.164") << "+815031234567";
        QTest::newRow("international with spaces") << "+81 50 3123 4567";
        QTest::newRow("international with dashes") << "+81-50-3123-4567";
        QTest::newRow("national (default region JP)") << "050-3123-4567";
    }

    void incomingAcceptsTheCalledNumberInOtherForms()
    {
        QFETCH(QString, to);
        const auto decision = m_router->incoming({ { "From", "+819059876543" }, { "To", to } });
        QCOMPARE(decision.clientName, QString("DeviceId_0001"));
        QCOMPARE(decision.to, QString("+815031234567"));
    }

    void incomingRefusals_data()
    {
        QTest::addColumn<QString>("to");
        QTest::newRow("unmapped") << "+815099999999";
        QTest::newRow("disabled number") << "+81312345678";
        QTest::newRow("disabled client") << "+81612345678";
        QTest::newRow("missing To") << "";
        QTest::newRow("garbage To") << "<Dial>";
    }

    void incomingRefusals()
    {
        QFETCH(QString, to);
        const auto decision = m_router->incoming({ { "From", "+819059876543" }, { "To", to } });
        QCOMPARE(decision.response.toXml(), refusalXml(m_settings.notInServiceMessage));
        QVERIFY(decision.outcome.startsWith("refused: "));
        QVERIFY(decision.clientName.isEmpty());
    }

    void dialComplete_data()
    {
        QTest::addColumn<FormParameters>("parameters");
        QTest::addColumn<QString>("xml");
        const QString voicemail = xmlHead + R"(<Response><Say language="en-US">)"
            + Routing::RoutingSettings().voicemailPrompt
            + R"(</Say><Record maxLength="120" playBeep="true" recordingStatusCallback="/voice/recording" recordingStatusCallbackEvent="completed absent failed"/><Hangup/></Response>)";
        const QString hangup = xmlHead + "<Response><Hangup/></Response>";
        QTest::newRow("no-answer") << FormParameters { { "DialCallStatus", "no-answer" } } << voicemail;
        QTest::newRow("busy") << FormParameters { { "DialCallStatus", "busy" } } << voicemail;
        QTest::newRow("failed") << FormParameters { { "DialCallStatus", "failed" } } << voicemail;
        QTest::newRow("completed") << FormParameters { { "DialCallStatus", "completed" },
                                                       { "DialCallDuration", "42" } }
                                   << hangup;
        QTest::newRow("answered") << FormParameters { { "DialCallStatus", "answered" } } << hangup;
        QTest::newRow("canceled") << FormParameters { { "DialCallStatus", "canceled" } } << hangup;
        QTest::newRow("no status") << FormParameters {} << hangup;
        QTest::newRow("message recorded")
            << FormParameters { { "DialCallStatus", "no-answer" },
                                { "RecordingUrl", "https://api.twilio.com/rec/RE1" } }
            << xmlHead + R"(<Response><Say language="en-US">)" + Routing::RoutingSettings().voicemailThanks
                + "</Say><Hangup/></Response>";
    }

    void dialComplete()
    {
        QFETCH(FormParameters, parameters);
        QFETCH(QString, xml);
        QCOMPARE(m_router->dialComplete(parameters).response.toXml(), xml);
    }

    // What the Dial's end means for our person: the call log shows it, and Twilio's "completed" for the
    // caller's leg does not hide it. Voicemail is offered to outside callers only.
    void dialCompleteTellsTheOutcome_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("dialCallStatus");
        QTest::addColumn<Store::CallResult>("result");
        QTest::addColumn<bool>("voicemail");
        const QString caller = "+819059876543";
        const QString client = "client:DeviceId_0001";
        QTest::newRow("in answered") << caller << "completed" << Store::CallResult::Answered << false;
        QTest::newRow("in no-answer") << caller << "no-answer" << Store::CallResult::Missed << true;
        QTest::newRow("in caller gave up") << caller << "canceled" << Store::CallResult::Missed << false;
        QTest::newRow("in declined") << caller << "busy" << Store::CallResult::Declined << true;
        QTest::newRow("in failed") << caller << "failed" << Store::CallResult::Failed << true;
        QTest::newRow("out answered") << client << "answered" << Store::CallResult::Answered << false;
        QTest::newRow("out no-answer") << client << "no-answer" << Store::CallResult::NoAnswer << false;
        QTest::newRow("out busy") << client << "busy" << Store::CallResult::Busy << false;
        QTest::newRow("out failed") << client << "failed" << Store::CallResult::Failed << false;
        QTest::newRow("no status") << caller << "" << Store::CallResult::Unknown << false;
    }

    void dialCompleteTellsTheOutcome()
    {
        QFETCH(QString, from);
        QFETCH(QString, dialCallStatus);
        QFETCH(Store::CallResult, result);
        QFETCH(bool, voicemail);
        const auto decision
            = m_router->dialComplete({ { "From", from }, { "DialCallStatus", dialCallStatus } });
        QCOMPARE(decision.result, result);
        QCOMPARE(decision.response.toXml().contains("<Record"), voicemail);
        QVERIFY(!decision.refused);

        const auto message = m_router->dialComplete({ { "From", from },
                                                      { "CallStatus", "completed" },
                                                      { "RecordingUrl", "https://api.twilio.com/r" } });
        QCOMPARE(message.result, Store::CallResult::Voicemail);
    }

    void refusalsFailTheCall()
    {
        const auto unmapped = m_router->incoming({ { "From", "+819059876543" }, { "To", "+815099999999" } });
        QVERIFY(unmapped.refused);
        QCOMPARE(unmapped.result, Store::CallResult::Failed);
        const auto ghost = m_router->outgoing({ { "From", "client:ghost" }, { "To", "+819059876543" } });
        QVERIFY(ghost.refused);
        QCOMPARE(ghost.result, Store::CallResult::Failed);
        const auto ringing = m_router->incoming({ { "From", "+819059876543" }, { "To", "+815031234567" } });
        QVERIFY(!ringing.refused);
        QCOMPARE(ringing.result, Store::CallResult::Unknown);
    }

    void outgoingAsInTheSeed()
    {
        // The seed's capture: To is empty, the numbers come as custom parameters, with dashes.
        const FormParameters parameters { { "ApplicationSid", "AP75" },
                                          { "Called", "" },
                                          { "Caller", "client:DeviceId_0001" },
                                          { "CallSid", "CA06" },
                                          { "CallStatus", "ringing" },
                                          { "Direction", "inbound" },
                                          { "From", "client:DeviceId_0001" },
                                          { "To", "" },
                                          { "callerPhoneNumber", "+81-50-3123-4567" },
                                          { "callOutgoingPhoneNumber", "+81-90-5987-6543" } };
        const auto decision = m_router->outgoing(parameters);
        QCOMPARE(
            decision.response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Number>+819059876543</Number></Dial></Response>)");
        QCOMPARE(decision.clientName, QString("DeviceId_0001"));
        QCOMPARE(decision.from, QString("client:DeviceId_0001"));
        QCOMPARE(decision.to, QString("+819059876543"));
    }

    void outgoingAsTheVoiceSdk()
    {
        // device.connect({params: {To}}): the caller ID is the client's own number.
        const auto decision
            = m_router->outgoing({ { "From", "client:DeviceId_0001" }, { "To", "090-5987-6543" } });
        QCOMPARE(
            decision.response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Number>+819059876543</Number></Dial></Response>)");
    }

    void outgoingToOurOwnNumberRingsThatClient()
    {
        const auto decision
            = m_router->outgoing({ { "From", "client:DeviceId_0001" }, { "To", "+1 415 555 0100" } });
        QCOMPARE(
            decision.response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Client>alice</Client></Dial></Response>)");
        QCOMPARE(decision.clientName, QString("alice"));
    }

    void outgoingToAClientAddress()
    {
        // A client without numbers may still call another client.
        const auto decision
            = m_router->outgoing({ { "From", "client:lonely" }, { "To", "client:DeviceId_0001" } });
        QCOMPARE(
            decision.response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="60" action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial></Response>)");
    }

    void outgoingRefusals_data()
    {
        QTest::addColumn<FormParameters>("parameters");
        QTest::addColumn<QString>("reason");
        QTest::newRow("caller ID of another client")
            << FormParameters { { "From", "client:DeviceId_0001" },
                                { "To", "+819059876543" },
                                { "callerPhoneNumber", "+14155550100" } }
            << "caller ID +14155550100 is not a number of client DeviceId_0001";
        QTest::newRow("caller ID not ours")
            << FormParameters { { "From", "client:DeviceId_0001" },
                                { "To", "+819059876543" },
                                { "callerPhoneNumber", "+819011112222" } }
            << "caller ID +819011112222 is not a number of client DeviceId_0001";
        QTest::newRow("caller ID disabled") << FormParameters {
            { "From", "client:alice" }, { "To", "+819059876543" }, { "callerPhoneNumber", "+81312345678" }
        } << "caller ID +81312345678 is not a number of client alice";
        QTest::newRow("not from a client")
            << FormParameters { { "From", "+819059876543" }, { "To", "+815031234567" } }
            << "the call does not come from a client";
        QTest::newRow("unknown client")
            << FormParameters { { "From", "client:mallory" }, { "To", "+819059876543" } }
            << "client mallory may not place calls";
        QTest::newRow("disabled client")
            << FormParameters { { "From", "client:gone" }, { "To", "+819059876543" } }
            << "client gone may not place calls";
        QTest::newRow("no destination")
            << FormParameters { { "From", "client:alice" } } << "no number to call was given";
        QTest::newRow("invalid destination") << FormParameters { { "From", "client:alice" }, { "To", "12" } }
                                             << "the number to call is not valid";
        QTest::newRow("no number to call from")
            << FormParameters { { "From", "client:lonely" }, { "To", "+819059876543" } }
            << "client lonely has no number to call from";
        QTest::newRow("unknown client address")
            << FormParameters { { "From", "client:alice" }, { "To", "client:nobody" } }
            << "there is no client named nobody";
    }

    void outgoingRefusals()
    {
        QFETCH(FormParameters, parameters);
        QFETCH(QString, reason);
        const auto decision = m_router->outgoing(parameters);
        // The log gets the details; the caller hears the reason alone.
        QVERIFY2(decision.outcome.startsWith("refused: " + reason), qPrintable(decision.outcome));
        QCOMPARE(decision.response.toXml(), refusalXml(m_settings.callRefusedMessage.arg(reason)));
        // A refused call of a client that may call is still that client's, in the log and its Recent list.
        const QString from = parameters.value("From");
        const bool mayCall
            = !reason.contains("does not come from a client") && !reason.contains("may not place calls");
        QCOMPARE(decision.clientName, mayCall ? from.mid(7) : QString());
        if (mayCall)
            QCOMPARE(decision.from, from);
    }

    // Twilio's default Geo Permissions: the home region only, and never the numbers toll fraud dials.
    void tollFraudGuard_data()
    {
        QTest::addColumn<QString>("home");
        QTest::addColumn<QStringList>("regions");
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("refusal"); // empty: dialled
        const QStringList none;
        const QStringList us { "US" };
        QTest::newRow("JP default allows a JP mobile") << "JP" << none << none << "+819059876543"
                                                       << "";
        QTest::newRow("JP default refuses the US") << "JP" << none << none << "+12025550123"
                                                   << "calls to United States are not allowed";
        QTest::newRow("JP default refuses the UK") << "JP" << none << none << "+442079460018"
                                                   << "calls to United Kingdom are not allowed";
        QTest::newRow("US home allows the US") << "US" << none << none << "+12025550123"
                                               << "";
        QTest::newRow("allow-region US allows the US") << "JP" << us << none << "+12025550123"
                                                       << "";
        QTest::newRow("allow-region US leaves out JP") << "JP" << us << none << "+819059876543"
                                                       << "calls to Japan are not allowed";
        QTest::newRow("+1 876 Jamaica refused with allow-region US") << "JP" << us << none << "+18765550123"
                                                                     << "calls to Jamaica are not allowed";
        QTest::newRow("+1 900 premium refused by default") << "US" << none << none << "+19005550123"
                                                           << "calls to premium-rate numbers are not allowed";
        QTest::newRow("+1 900 premium refused with allow-region US")
            << "JP" << us << none << "+19005550123"
            << "calls to premium-rate numbers are not allowed";
        QTest::newRow("+1 900 allowed with premium-rate and US")
            << "JP" << us << QStringList { "premium-rate" } << "+19005550123"
            << "";
        QTest::newRow("premium-rate alone does not allow the US")
            << "JP" << none << QStringList { "premium-rate" } << "+19005550123"
            << "calls to United States are not allowed";
        QTest::newRow("+881 satellite refused") << "JP" << none << none << "+881612345678"
                                                << "calls to satellite phones are not allowed";
        QTest::newRow("+870 Inmarsat refused") << "JP" << us << none << "+870773111632"
                                               << "calls to satellite phones are not allowed";
        QTest::newRow("+881 allowed by its type")
            << "JP" << none << QStringList { "satellite" } << "+881612345678"
            << "";
        QTest::newRow("+979 international premium refused")
            << "JP" << none << QStringList { "premium-rate" } << "+979123456789"
            << "calls to international network numbers are not allowed";
        QTest::newRow("JP 0570 company number refused") << "JP" << none << none << "+81570012345"
                                                        << "calls to company numbers are not allowed";
        QTest::newRow("JP 0570 allowed as uan") << "JP" << none << QStringList { "uan" } << "+81570012345"
                                                << "";
        QTest::newRow("UK 0843 refused as premium-rate") << "GB" << none << none << "+448431234567"
                                                         << "calls to premium-rate numbers are not allowed";
        QTest::newRow("France 0810 shared-cost refused") << "FR" << none << none << "+33810123456"
                                                         << "calls to shared-cost numbers are not allowed";
        QTest::newRow("France 0810 allowed as shared-cost")
            << "FR" << none << QStringList { "shared-cost" } << "+33810123456"
            << "";
    }

    void tollFraudGuard()
    {
        QFETCH(QString, home);
        QFETCH(QStringList, regions);
        QFETCH(QStringList, types);
        QFETCH(QString, to);
        QFETCH(QString, refusal);
        m_settings.defaultRegion = home;
        m_settings.allowedRegions = regions;
        const auto allowedTypes = Routing::TollFraudGuard::parseNumberTypes(types);
        QVERIFY2(allowedTypes, qPrintable(allowedTypes.error()));
        m_settings.allowedNumberTypes = *allowedTypes;
        makeRouter();
        const auto decision = m_router->outgoing({ { "From", "client:DeviceId_0001" }, { "To", to } });
        if (refusal.isEmpty()) {
            QCOMPARE(decision.outcome, "dial " + to + " as +815031234567");
            QCOMPARE(
                decision.response.toXml(),
                xmlHead
                    + R"(<Response><Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Number>)"
                    + to + "</Number></Dial></Response>");
            return;
        }
        // Spoken to the caller, and in the outcome that the log and the request inspector show.
        QVERIFY2(decision.outcome.startsWith("refused: " + refusal + ": " + to),
                 qPrintable(decision.outcome));
        QCOMPARE(decision.response.toXml(), refusalXml(m_settings.callRefusedMessage.arg(refusal)));
        QCOMPARE(decision.to, to);
        QCOMPARE(decision.clientName, QString("DeviceId_0001"));
    }

    void ownNumbersAbroadAreInternalCalls()
    {
        // alice's +1 415 number rings alice: no PSTN leg, so no toll, whatever the allowed regions.
        QVERIFY(m_router->outgoing({ { "From", "client:DeviceId_0001" }, { "To", "+14155550100" } })
                    .response.toXml()
                    .contains("<Client>alice</Client>"));
    }

    void allowedRegionsAreIsoRegions_data()
    {
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<QString>("result"); // joined regions, or a part of the error
        QTest::newRow("regions") << QStringList { "JP", "us" } << "JP,US";
        QTest::newRow("comma list, duplicates") << QStringList { "JP, US", "JP" } << "JP,US";
        QTest::newRow("calling code 1 names Jamaica")
            << QStringList { "1" } << "'1' is a calling code, not a region; +1 is US, ";
        QTest::newRow("calling code +81") << QStringList { "+81" } << "+81 is JP: name the regions you mean";
        QTest::newRow("unknown region") << QStringList { "XX" } << "'XX' is not a region code";
        QTest::newRow("no country") << QStringList { "001" } << "'001' is a calling code";
    }

    void allowedRegionsAreIsoRegions()
    {
        QFETCH(QStringList, texts);
        QFETCH(QString, result);
        const auto regions = Routing::TollFraudGuard::parseRegions(texts);
        if (regions)
            QCOMPARE(regions->join(','), result);
        else
            QVERIFY2(regions.error().contains(result), qPrintable(regions.error()));
    }

    void onlyRefusedTypesCanBeAllowed()
    {
        const auto types = Routing::TollFraudGuard::parseNumberTypes({ "premium-rate", "Satellite,uan" });
        QVERIFY2(types, qPrintable(types.error()));
        QCOMPARE(types->size(), 3);
        const auto mobile = Routing::TollFraudGuard::parseNumberTypes({ "mobile" });
        QVERIFY(!mobile);
        QVERIFY2(mobile.error().contains("premium-rate, shared-cost, satellite"), qPrintable(mobile.error()));
        QVERIFY(!Routing::TollFraudGuard::parseNumberTypes({ "premium" }));
    }

    void transcribesVoicemailWhenAsked()
    {
        m_settings.transcribeVoicemail = true;
        makeRouter();
        const QString voicemail
            = m_router->dialComplete({ { "From", "+819059876543" }, { "DialCallStatus", "busy" } })
                  .response.toXml();
        QVERIFY2(
            voicemail.contains(
                R"(recordingStatusCallbackEvent="completed absent failed" transcribe="true" transcribeCallback="/voice/transcription"/>)"),
            qPrintable(voicemail));
    }

    void settingsChangeTheTwiml()
    {
        m_settings.dialTimeout = 25;
        m_settings.voicemailMaxLength = 300;
        m_settings.language = "ja-JP";
        m_settings.notInServiceMessage = "この番号は使われておりません";
        makeRouter();
        QCOMPARE(
            m_router->incoming({ { "To", "+815031234567" } }).response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="25" action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial></Response>)");
        // The same timeout for a call placed, and the voicemail's length when nobody answered.
        QCOMPARE(
            m_router->outgoing({ { "From", "client:DeviceId_0001" }, { "To", "090-5987-6543" } })
                .response.toXml(),
            xmlHead
                + R"(<Response><Dial timeout="25" action="/voice/dial-complete" callerId="+815031234567"><Number>+819059876543</Number></Dial></Response>)");
        const QString voicemail
            = m_router->dialComplete({ { "From", "+819059876543" }, { "DialCallStatus", "no-answer" } })
                  .response.toXml();
        QVERIFY2(
            voicemail.contains(
                R"(<Record maxLength="300" playBeep="true" recordingStatusCallback="/voice/recording" recordingStatusCallbackEvent="completed absent failed"/>)"),
            qPrintable(voicemail));
        QCOMPARE(
            m_router->incoming({ { "To", "+815099999999" } }).response.toXml(),
            xmlHead
                + R"(<Response><Say language="ja-JP">この番号は使われておりません</Say><Hangup/></Response>)");
    }
};

QTEST_GUILESS_MAIN(TestCallRouter)
#include "TestCallRouter.moc"
