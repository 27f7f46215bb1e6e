#include "ui/phone/NumberField.h"

#include <QSignalSpy>
#include <QTest>

using Phone::NumberField;

class TestNumberField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsWhileTyping()
    {
        NumberField field;
        QTest::keyClicks(&field, "09059876543");
        QCOMPARE(field.text(), QString("090-5987-6543"));
        QCOMPARE(field.dialString(), QString("09059876543"));
        QCOMPARE(field.cursorPosition(), int(field.text().size()));
    }

    void internationalNumbers()
    {
        NumberField field;
        QTest::keyClicks(&field, "+819059876543");
        QCOMPARE(field.text(), QString("+81 90-5987-6543"));
        QCOMPARE(field.dialString(), QString("+819059876543"));
    }

    void backspaceRemovesADigit()
    {
        NumberField field;
        QTest::keyClicks(&field, "0905");
        QCOMPARE(field.text(), QString("090-5"));
        QTest::keyClick(&field, Qt::Key_Backspace);
        QCOMPARE(field.dialString(), QString("090"));
    }

    void editingInTheMiddleKeepsTheCursorAtItsDigit()
    {
        NumberField field;
        QTest::keyClicks(&field, "0959876543"); // the 0 after 09 forgotten
        field.setCursorPosition(2);
        QTest::keyClick(&field, Qt::Key_0);
        QCOMPARE(field.text(), QString("090-5987-6543"));
        QCOMPARE(field.cursorPosition(), 3); // after the inserted 0, before the dash
    }

    void clientAddressesStayAsTyped()
    {
        NumberField field;
        QTest::keyClicks(&field, "client:DeviceId_0001");
        QCOMPARE(field.text(), QString("client:DeviceId_0001"));
        QCOMPARE(field.dialString(), QString("client:DeviceId_0001"));
    }

    void enterDialsWhatIsDialable()
    {
        NumberField field;
        QSignalSpy dial(&field, &NumberField::dialRequested);
        QTest::keyClick(&field, Qt::Key_Return);
        QCOMPARE(dial.size(), 0); // nothing to dial
        QTest::keyClicks(&field, "0503123");
        QTest::keyClick(&field, Qt::Key_Return);
        QCOMPARE(dial.size(), 1);
        QCOMPARE(dial.first().first().toString(), QString("0503123"));
    }

    void keysFromTheDialPad()
    {
        NumberField field;
        for (const QChar key : QString("0905"))
            field.insertKey(key);
        QCOMPARE(field.text(), QString("090-5"));
    }

    void aHandedOverNumberIsFormatted()
    {
        NumberField field;
        field.setNumber("+81-90-5987-6543");
        QCOMPARE(field.text(), QString("+81 90-5987-6543"));
        QCOMPARE(field.cursorPosition(), int(field.text().size()));
    }

    void regionDecidesTheFormat()
    {
        NumberField field(QStringLiteral("US"));
        QTest::keyClicks(&field, "4155550100");
        QCOMPARE(field.text(), QString("(415) 555-0100"));
    }
};

QTEST_MAIN(TestNumberField)
#include "TestNumberField.moc"
