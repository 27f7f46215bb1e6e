#pragma once

// The application window: it assembles the phone and admin pages (each its own widget).

#include <QMainWindow>

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};
