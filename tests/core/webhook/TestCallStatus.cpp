#include "core/webhook/CallStatus.h"

#include <QTest>

using Webhook::CallStatus;
using Webhook::CallStatuses;

Q_DECLARE_METATYPE(Webhook::CallStatus)

class TestCallStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Twilio's documented values (TWILIO.md): CallStatus of status callbacks, and DialCallStatus.
    void roundTripsEveryWireName_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::addColumn<CallStatus>("status");
        QTest::addColumn<bool>("final");
        QTest::newRow("queued") << "queued" << CallStatus::Queued << false;
        QTest::newRow("initiated") << "initiated" << CallStatus::Initiated << false;
        QTest::newRow("ringing") << "ringing" << CallStatus::Ringing << false;
        QTest::newRow("in-progress") << "in-progress" << CallStatus::InProgress << false;
        QTest::newRow("completed") << "completed" << CallStatus::Completed << true;
        QTest::newRow("answered") << "answered" << CallStatus::Answered << false;
        QTest::newRow("busy") << "busy" << CallStatus::Busy << true;
        QTest::newRow("no-answer") << "no-answer" << CallStatus::NoAnswer << true;
        QTest::newRow("failed") << "failed" << CallStatus::Failed << true;
        QTest::newRow("canceled") << "canceled" << CallStatus::Canceled << true;
    }
    void roundTripsEveryWireName()
    {
        QFETCH(QString, wire);
        QFETCH(CallStatus, status);
        QFETCH(bool, final);
        QCOMPARE(CallStatuses::name(status), wire);
        const auto parsed = CallStatuses::parse(wire);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(*parsed, status);
        QVERIFY(CallStatuses::is(wire, status));
        QCOMPARE(CallStatuses::isFinal(status), final);
    }

    // A call still going shows its status in words for people; a name Twilio did not send, as it is.
    void labelsAreForPeople()
    {
        using Webhook::CallStatus;
        using Webhook::CallStatuses;
        QCOMPARE(CallStatuses::label(CallStatus::InProgress), QString("In progress"));
        QCOMPARE(CallStatuses::labelOf("ringing"), QString("Ringing"));
        QCOMPARE(CallStatuses::labelOf("no-answer"), QString("No answer"));
        QCOMPARE(CallStatuses::labelOf("sideways"), QString("sideways"));
        for (const char *name : { "queued", "initiated", "ringing", "in-progress", "completed", "answered",
                                  "busy", "no-answer", "failed", "canceled" })
            QVERIFY2(!CallStatuses::labelOf(name).isEmpty() && CallStatuses::labelOf(name) != name, name);
    }

    void refusesUnknownNames_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::newRow("empty") << "";
        QTest::newRow("our outcome, not Twilio's") << "missed";
        QTest::newRow("other case") << "Completed";
        QTest::newRow("spaces") << " ringing";
        QTest::newRow("underscore") << "no_answer";
        QTest::newRow("American spelling") << "cancelled";
    }
    void refusesUnknownNames()
    {
        QFETCH(QString, wire);
        const auto parsed = CallStatuses::parse(wire);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(u'"' + wire + u'"'), qPrintable(parsed.error()));
        QVERIFY(!CallStatuses::is(wire, CallStatus::Completed));
    }
};

QTEST_GUILESS_MAIN(TestCallStatus)
#include "TestCallStatus.moc"
