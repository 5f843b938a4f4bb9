@rem Creates a Windows scheduled task running trudi-py sync every 6 hours for this user.
@rem Store the password once in the Windows Credential Manager first:
@rem   trudi-py sync --url https://192.168.1.200 --user consumer1 --save-password
schtasks /Create /TN "trudi-py sync" /SC HOURLY /MO 6 /F /TR "trudi-py sync --url https://192.168.1.200 --user consumer1"
