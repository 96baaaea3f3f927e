"""Back Stretch Coach: an Alexa skill that coaches a lower-back stretching routine."""
