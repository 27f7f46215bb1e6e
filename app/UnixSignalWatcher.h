#pragma once

// Turns SIGINT and SIGTERM into a Qt signal, delivered in the event loop (the self-pipe trick),
// so `serve` can shut down cleanly instead of dying mid-request.

#include <QObject>

class QSocketNotifier;

namespace App {

class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace App
