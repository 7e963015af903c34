"""Bangladesh working days on Asia/Dhaka dates: the arithmetic, the holiday sources, and how a
deadline is explained. Pure: no database."""
