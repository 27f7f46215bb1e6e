#pragma once

// Asks whether to take a ringing call: who calls (and on which of our lines), Accept or Decline.

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

class IncomingCallPrompt : public QWidget
{
    Q_OBJECT

public:
    explicit IncomingCallPrompt(QWidget *parent = nullptr);

    // caller as it should read; line: which of our numbers was called, with its label ("" when unknown).
    void showCaller(const QString &caller, const QString &line);
    QString callerText() const;
    QString lineText() const;

Q_SIGNALS:
    void acceptRequested();
    void declineRequested();

private:
    QLabel *m_caller = nullptr;
    QLabel *m_line = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_decline = nullptr;
};
