#include "ui/phone/SimulateCallDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using Phone::SimulateCallDialog;

class TestSimulateCallDialog : public QObject
{
    Q_OBJECT

    static QPushButton *button(QDialog &dialog, const char *name)
    {
        return dialog.findChild<QPushButton *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    // A fresh start: no number rings this phone. The dialog offers a sample number in one click instead
    // of a command that fails on a fresh database, and Call waits for a number.
    void offersASampleNumberWhenNoneRingsThisPhone()
    {
        QStringList added;
        SimulateCallDialog dialog({}, "desktop", "JP", "+815031234568", [&added](const QString &e164) {
            added << e164;
            return QString();
        });
        auto *hint = dialog.findChild<QLabel *>("hint");
        QVERIFY(hint);
        QVERIFY2(!hint->text().contains("switchboard "), qPrintable(hint->text()));
        QVERIFY(hint->text().contains("client desktop"));
        QPushButton *add = button(dialog, "addNumber");
        QVERIFY(add);
        QCOMPARE(add->text(), QString("&Map +81 50-3123-4568 to this phone"));
        QVERIFY(!button(dialog, "call")->isEnabled());

        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(added, QStringList { "+815031234568" });
        QCOMPARE(dialog.to(), QString("+815031234568"));
        QCOMPARE(dialog.from(), QString("+819059876543"));
        QVERIFY(button(dialog, "call")->isEnabled());
        QVERIFY(add->isHidden());
        QVERIFY2(hint->text().contains("now rings this phone"), qPrintable(hint->text()));
    }

    // The number is someone else's already: the dialog says why and where to map one; nothing is offered
    // that would ring nobody.
    void saysWhyTheNumberCouldNotBeMapped()
    {
        SimulateCallDialog dialog({}, "desktop", "JP", "+815031234568", [](const QString &) {
            return QStringLiteral("+81 50-3123-4568 rings client alice already");
        });
        QTest::mouseClick(button(dialog, "addNumber"), Qt::LeftButton);
        const QString hint = dialog.findChild<QLabel *>("hint")->text();
        QVERIFY2(hint.contains("rings client alice already"), qPrintable(hint));
        QVERIFY2(hint.contains("Numbers page"), qPrintable(hint));
        QVERIFY(!button(dialog, "call")->isEnabled());
        QVERIFY(button(dialog, "addNumber")->isVisibleTo(&dialog));
    }

    // Every sample number rings someone already: the dialog says where to map one, and offers nothing.
    void pointsToTheNumbersPageWhenNoSampleIsFree()
    {
        SimulateCallDialog dialog({}, "desktop", "JP", QString(), {});
        QVERIFY(!button(dialog, "addNumber"));
        const QString hint = dialog.findChild<QLabel *>("hint")->text();
        QVERIFY2(hint.contains("map one to it on the Numbers page"), qPrintable(hint));
        QVERIFY(!button(dialog, "call")->isEnabled());
    }

    // The samples are real Japanese numbers of the seed's block, and leave the seed's own number to the
    // seed's client (the README's command-line walkthrough maps it).
    void samplesLeaveTheSeedsNumberAlone()
    {
        const QStringList samples = SimulateCallDialog::sampleNumbers();
        QVERIFY(samples.size() >= 5);
        QVERIFY(!samples.contains("+815031234567"));
        QCOMPARE(samples.first(), QString("+815031234568"));
    }

    // With numbers that ring this phone there is nothing to offer: Call at once, the first number chosen.
    void callsAtOnceWhenANumberRingsThisPhone()
    {
        SimulateCallDialog dialog({ "+815031234567", "+815031230000" }, "desktop", "JP", QString(), {});
        QVERIFY(!button(dialog, "addNumber"));
        QVERIFY(!dialog.findChild<QLabel *>("hint"));
        QVERIFY(button(dialog, "call")->isEnabled());
        QCOMPARE(dialog.to(), QString("+815031234567"));
        dialog.findChild<QLineEdit *>("from")->clear();
        QVERIFY(!button(dialog, "call")->isEnabled());
    }

    // With a Twilio account the phone does not ring for a simulated call, and the dialog says so first.
    void saysThatATwilioPhoneDoesNotRing()
    {
        SimulateCallDialog dialog({ "+815031234567" }, "desktop", "JP", QString(), {});
        QVERIFY(dialog.findChild<QLabel *>("explanation")->text().contains("rings this phone if"));
        dialog.setPhoneOnTwilio();
        const QString explanation = dialog.findChild<QLabel *>("explanation")->text();
        QVERIFY2(explanation.contains("it does not ring for a simulated call"), qPrintable(explanation));
        QVERIFY(explanation.contains("nothing is charged"));
    }
};

QTEST_MAIN(TestSimulateCallDialog)
#include "TestSimulateCallDialog.moc"
