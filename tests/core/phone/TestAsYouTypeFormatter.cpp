#include "core/phone/AsYouTypeFormatter.h"

#include <QTest>

using Phone::AsYouTypeFormatter;

class TestAsYouTypeFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsAsTyped_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("formatted");
        // The seed's numbers, as a person in Japan writes them.
        QTest::newRow("JP mobile, national") << "JP"
                                             << "09059876543"
                                             << "090-5987-6543";
        QTest::newRow("JP 050, national") << "JP"
                                          << "05031234567"
                                          << "050-3123-4567";
        QTest::newRow("JP, international") << "JP"
                                           << "+819059876543"
                                           << "+81 90-5987-6543";
        QTest::newRow("half typed") << "JP"
                                    << "0905"
                                    << "090-5";
        QTest::newRow("US") << "US"
                            << "4155550100"
                            << "(415) 555-0100";
        QTest::newRow("US number from JP") << "JP"
                                           << "+14155550100"
                                           << "+1 415-555-0100";
        QTest::newRow("stray characters dropped") << "JP"
                                                  << "090 5987-6543"
                                                  << "090-5987-6543";
        QTest::newRow("second plus dropped") << "JP"
                                             << "+81+90"
                                             << "+81 90";
        QTest::newRow("client address untouched") << "JP"
                                                  << "client:DeviceId_0001"
                                                  << "client:DeviceId_0001";
        QTest::newRow("nothing dialable") << "JP"
                                          << "--"
                                          << "";
    }

    void formatsAsTyped()
    {
        QFETCH(QString, region);
        QFETCH(QString, typed);
        QFETCH(QString, formatted);
        AsYouTypeFormatter formatter(region);
        QCOMPARE(formatter.format(typed).text, formatted);
        // Typing one character at a time ends the same way as pasting the whole.
        QString field;
        for (const QChar character : typed)
            field = formatter.format(field + character).text;
        QCOMPARE(field, formatted);
    }

    void keepsTheCursorAtItsDigit()
    {
        AsYouTypeFormatter formatter(QStringLiteral("JP"));
        // The cursor after "0905" in "09059876543": after the 5 in "090-5987-6543".
        const auto formatted = formatter.format(QStringLiteral("09059876543"), 4);
        QCOMPARE(formatted.text, QString("090-5987-6543"));
        QCOMPARE(formatted.cursor, 5);
        QCOMPARE(formatter.format(QStringLiteral("09059876543"), 0).cursor, 0);
        QCOMPARE(formatter.format(QStringLiteral("09059876543")).cursor, 13);
    }

    void dialableCharacters()
    {
        QCOMPARE(AsYouTypeFormatter::dialable("+81 (90) 5987-6543 #*"), QString("+819059876543#*"));
        QVERIFY(!AsYouTypeFormatter::isDialable(u'w'));
    }
};

QTEST_GUILESS_MAIN(TestAsYouTypeFormatter)
#include "TestAsYouTypeFormatter.moc"
