#include "core/routing/RoutingSettings.h"
#include "core/routing/VoicemailLength.h"

#include <QTest>

#include <limits>

namespace VoicemailLength = Routing::VoicemailLength;

// How long a voicemail may be: from Twilio's minimum for <Record maxLength> (1 s) to our cap of an hour
// (Twilio's own limit, 4 hours, is refused).
class TestVoicemailLength : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problemAtTheEdges_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<bool>("valid");
        QTest::newRow("zero") << 0 << false;
        QTest::newRow("Twilio's minimum") << 1 << true;
        QTest::newRow("an hour") << 3600 << true;
        QTest::newRow("above an hour") << 3601 << false;
        QTest::newRow("Twilio's maximum") << 14400 << false;
        QTest::newRow("negative") << -1 << false;
        QTest::newRow("int min") << std::numeric_limits<int>::min() << false;
        QTest::newRow("int max") << std::numeric_limits<int>::max() << false;
    }

    void problemAtTheEdges()
    {
        QFETCH(int, seconds);
        QFETCH(bool, valid);
        const QString problem = VoicemailLength::problem(seconds);
        QCOMPARE(problem.isEmpty(), valid);
        if (!valid)
            QCOMPARE(problem, QString("give from 1 to 3600 seconds (an hour), not %1").arg(seconds));
    }

    void theDefaultIsValidAndTheRoutersDefault()
    {
        QCOMPARE(VoicemailLength::defaultSeconds, 120);
        QCOMPARE(VoicemailLength::problem(VoicemailLength::defaultSeconds), QString());
        QCOMPARE(Routing::RoutingSettings().voicemailMaxLength, VoicemailLength::defaultSeconds);
    }
};

QTEST_GUILESS_MAIN(TestVoicemailLength)
#include "TestVoicemailLength.moc"
