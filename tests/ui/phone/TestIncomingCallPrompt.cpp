#include "ui/phone/IncomingCallPrompt.h"

#include "tests/support/MarkupLabels.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using Phone::IncomingCallPrompt;

class TestIncomingCallPrompt : public QObject
{
    Q_OBJECT

    static QPushButton *buttonNamed(IncomingCallPrompt &prompt, const QString &text)
    {
        for (QPushButton *button : prompt.findChildren<QPushButton *>()) {
            if (button->text() == text)
                return button;
        }
        return nullptr;
    }

private Q_SLOTS:
    void showsWhoCallsAndOnWhichLine()
    {
        IncomingCallPrompt prompt;
        prompt.showCaller("+81 90-5987-6543", "+81 50-3123-4567 (Tokyo office)");
        QCOMPARE(prompt.callerText(), QString("+81 90-5987-6543"));
        QCOMPARE(prompt.lineText(), QString("on +81 50-3123-4567 (Tokyo office)"));
        prompt.showCaller(QString(), QString());
        QCOMPARE(prompt.callerText(), QString("Unknown caller"));
        QCOMPARE(prompt.lineText(), QString());
    }

    // The caller's name and the line's label are data: markup in them shows as it is.
    void markupShowsAsItIs()
    {
        using MarkupLabels::markup;
        IncomingCallPrompt prompt;
        prompt.showCaller(markup, "+81 50-3123-4567 (" + markup + ")");
        QCOMPARE(prompt.callerText(), markup);
        QCOMPARE(prompt.lineText(), "on +81 50-3123-4567 (" + markup + ")");
        const QStringList labels = MarkupLabels::labelsShowing(&prompt);
        QCOMPARE(labels.size(), 2);
        QVERIFY2(labels.filter("[plain]").size() == 2, qPrintable(labels.join('\n')));
    }

    void acceptAndDecline()
    {
        IncomingCallPrompt prompt;
        prompt.showCaller("client:alice", QString());
        QSignalSpy accepted(&prompt, &IncomingCallPrompt::acceptRequested);
        QSignalSpy declined(&prompt, &IncomingCallPrompt::declineRequested);
        QTest::mouseClick(buttonNamed(prompt, "Decline"), Qt::LeftButton);
        QCOMPARE(declined.size(), 1);
        QCOMPARE(accepted.size(), 0);
        QTest::mouseClick(buttonNamed(prompt, prompt.acceptButtonText()), Qt::LeftButton);
        QCOMPARE(accepted.size(), 1);
    }

    // Someone typing in another field of the window when a call comes in presses Enter: that must not
    // answer. The call is taken by a click, or by the shortcut the Accept button names.
    void aRingingCallDoesNotTakeTheKeyboard()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *field = new QLineEdit(&window);
        auto *prompt = new IncomingCallPrompt(&window);
        layout->addWidget(field);
        layout->addWidget(prompt);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        field->setFocus();
        QSignalSpy accepted(prompt, &IncomingCallPrompt::acceptRequested);
        prompt->showCaller("client:alice", QString());
        QTRY_COMPARE(QApplication::focusWidget(), field);
        QTest::keyClick(field, Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // focus moves on, never to the buttons
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(accepted.size(), 0);
        for (QPushButton *button : prompt->findChildren<QPushButton *>())
            QCOMPARE(button->focusPolicy(), Qt::NoFocus);
        QVERIFY2(prompt->acceptButtonText().contains(
                     IncomingCallPrompt::acceptShortcut().toString(QKeySequence::NativeText)),
                 qPrintable(prompt->acceptButtonText()));
        QTest::keySequence(&window, IncomingCallPrompt::acceptShortcut());
        QCOMPARE(accepted.size(), 1);
        // From a text field too, which takes plain Return for itself.
        field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), field);
        QTest::keyClick(field, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(accepted.size(), 2);
    }
};

QTEST_MAIN(TestIncomingCallPrompt)
#include "TestIncomingCallPrompt.moc"
