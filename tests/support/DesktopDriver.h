#pragma once

// Drives the desktop app's window as a person would, for the end-to-end tests of the desktop phone: answers
// the next modal dialog, and places a simulated call to this phone from the Phone menu. The QVERIFYs return
// from these functions only: callers check QTest::currentTestFailed().

#include "ui/MainWindow.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/CallTargetDialog.h"
#include "ui/phone/SimulateCallDialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

namespace DesktopDriver {

// Whatever handle does with the next modal dialog runs inside its event loop, once it shows.
inline void whenModalShows(QObject *context, const std::function<void(QWidget *)> &handle)
{
    auto *poll = new QTimer(context);
    poll->setInterval(50);
    QObject::connect(poll, &QTimer::timeout, context, [poll, handle] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            poll->deleteLater();
            poll->stop();
            handle(dialog);
        }
    });
    poll->start();
}

// Phone > Simulate incoming call, from the keyboard: the seed's number is mapped to this phone (the dialog
// offers it on a first start) and called, from the dialog's sample caller or from.
inline void simulateCallToThisPhone(Ui::MainWindow *window, const QString &from = QString())
{
    bool called = false;
    whenModalShows(window, [&called, from](QWidget *modal) {
        auto *dialog = qobject_cast<Phone::SimulateCallDialog *>(modal);
        if (!dialog)
            return;
        if (!from.isEmpty())
            dialog->findChild<QLineEdit *>("from")->setText(from);
        if (auto *add = dialog->findChild<QPushButton *>("addNumber"); add && add->isVisible())
            QTest::mouseClick(add, Qt::LeftButton);
        QTest::mouseClick(dialog->findChild<QPushButton *>("call"), Qt::LeftButton);
        called = true;
    });
    window->activateWindow();
    QTRY_COMPARE(QApplication::activeWindow(), window);
    QTest::keyClick(window, Qt::Key_P, Qt::AltModifier);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
    QTest::keyClick(menu, Qt::Key_I);
    QTRY_VERIFY_WITH_TIMEOUT(called, 10000);
}

// The call panel's Transfer… or Add call… (button: "transfer", "addCall"), to number, through the dialog it
// opens; before the dialog is accepted, shown has it (for a screenshot).
inline void bringIntoCall(QWidget *window, const char *button, const QString &number, bool talkFirst,
                          const std::function<void(QWidget *)> &shown = {})
{
    auto *panel = window->findChild<Phone::CallPanel *>();
    auto *start = panel->findChild<QPushButton *>(button);
    QTRY_VERIFY_WITH_TIMEOUT(start->isVisible() && start->isEnabled(), 60000);
    QTest::mouseClick(start, Qt::LeftButton);
    Phone::CallTargetDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<Phone::CallTargetDialog *>("callTarget")) && dialog->isVisible());
    dialog->setTargetText(number);
    dialog->setTalkFirst(talkFirst);
    if (shown)
        shown(dialog);
    dialog->accept();
}

} // namespace DesktopDriver
