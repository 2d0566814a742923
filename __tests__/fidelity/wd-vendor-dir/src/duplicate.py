WHO = "worker"
